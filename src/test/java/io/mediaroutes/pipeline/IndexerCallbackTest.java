package io.mediaroutes.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediaroutes.AppTestSupport;
import io.mediaroutes.Await;
import io.mediaroutes.TestVideos;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** In Video Indexer mode the callback delivers at once: the Quartz poll is set to an hour and never gets to. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class IndexerCallbackTest {

    static final Path HOME = AppTestSupport.newHome("indexer-callback");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        AppTestSupport.register(registry, HOME);
        registry.add("mediaroutes.service.api", () -> "videoindexer");
        registry.add("mediaroutes.poll.interval", () -> "3600000");
    }

    @Test
    void theCallbackTriggersDeliveryWithoutThePoll() throws Exception {
        Thread.sleep(1000); // past the poll's first run at start
        TestVideos.mp4(HOME.resolve("drop/called back.mp4"), 1);

        Await.until("the insights, by callback", Duration.ofSeconds(60),
                () -> Files.exists(HOME.resolve("out/called back.mp4.insights.json")));
        assertThat(HOME.resolve("drop/.done/called back.mp4")).exists();
    }
}
