package io.mediaroutes.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mediaroutes.AppTestSupport;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** An operator's typo stops the start at once, with a message naming the key and what it may be. */
@ExtendWith(OutputCaptureExtension.class)
class ConfigurationTest {

    @Test
    void aChoiceOutsideItsValuesNamesTheKeyAndTheValuesAllowed(CapturedOutput output) {
        assertThatThrownBy(() -> AppTestSupport.start(AppTestSupport.newHome("bad-kind"), Map.of("mediaroutes.storage.kind", "s3")))
                .isNotNull();
        assertThat(output.getAll()).contains("mediaroutes.storage.kind").contains("s3").contains("AZURE").contains("LOCAL");
    }

    @Test
    void aNumberOutOfBoundsNamesTheKeyAndTheBound(CapturedOutput output) {
        assertThatThrownBy(() -> AppTestSupport.start(AppTestSupport.newHome("bad-retry"), Map.of("mediaroutes.retry.max-attempts", "0")))
                .isNotNull();
        assertThat(output.getAll()).contains("mediaroutes.retry.max-attempts").contains("must be greater than or equal to 1");
    }

    @Test
    void theVideoIndexerFlowWithoutItsAccountNamesWhatIsMissing(CapturedOutput output) {
        assertThatThrownBy(() -> AppTestSupport.start(AppTestSupport.newHome("no-account"), Map.of("mediaroutes.video-service.api", "videoindexer")))
                .isNotNull();
        assertThat(output.getAll()).contains("mediaroutes.indexer.account-id").contains("mediaroutes.indexer.subscription-key");
    }

    @Test
    void aPaidAccountWithoutItsArmIdNamesWhatIsMissing(CapturedOutput output) {
        assertThatThrownBy(() -> AppTestSupport.start(AppTestSupport.newHome("no-arm-id"), Map.of(
                "mediaroutes.video-service.api", "videoindexer", "mediaroutes.indexer.auth", "arm",
                "mediaroutes.indexer.arm.subscription-id", "586d4f48-8f08-4a4e-96b7-e1892d6dba9e"))).isNotNull();
        assertThat(output.getAll()).contains("mediaroutes.indexer.auth=arm needs mediaroutes.indexer.arm.resource-group,"
                + " mediaroutes.indexer.arm.account-name");
    }
}
