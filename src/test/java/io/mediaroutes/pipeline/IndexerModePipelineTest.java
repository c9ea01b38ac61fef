package io.mediaroutes.pipeline;

import io.mediaroutes.AppTestSupport;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mediaroutes.AppTest;
import io.mediaroutes.Await;
import io.mediaroutes.TestVideos;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** mediaroutes.video-service.api=videoindexer: the same drop and deliver routes over the Video Indexer API. */
class IndexerModePipelineTest extends AppTest {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        AppTestSupport.videoIndexerMode().forEach((key, value) -> registry.add(key, () -> value));
    }

    @Autowired
    JdbcTemplate db;

    @Test
    void aDropGoesThroughVideoIndexerAndItsIndexIsDelivered() throws Exception {
        TestVideos.mp4(home().resolve("drop/vi clip.mp4"), 2);

        Path insights = home().resolve("out/vi clip.mp4.insights.json");
        Await.until("the insights", Duration.ofSeconds(90), () -> Files.exists(insights));
        JsonNode index = new ObjectMapper().readTree(insights.toFile());
        assertThat(index.get("state").asText()).isEqualTo("Processed");
        assertThat(index.get("name").asText()).isEqualTo("vi clip.mp4");
        assertThat(index.get("durationInSeconds").asInt()).isEqualTo(2);
        assertThat(index.get("accountId").asText()).isEqualTo(AppTestSupport.ACCOUNT_ID);
        assertThat(db.queryForObject("SELECT COUNT(*) FROM indexer_video", Integer.class)).as("uploads through Video Indexer").isEqualTo(1);
        // archived once the delivery is recorded, a moment after the sink wrote the file
        Await.until("the drop archived", Duration.ofSeconds(30), () -> Files.exists(home().resolve("drop/.done/vi clip.mp4")));
    }
}
