package io.mediaroutes.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mediaroutes.AppTestSupport;
import io.mediaroutes.Await;
import io.mediaroutes.TestVideos;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/** Stopping the app between upload and Completed loses nothing and creates nothing twice. */
class RestartTest {

    static final Path HOME = AppTestSupport.newHome("restart");

    @Test
    void aVideoUploadedBeforeAStopIsDeliveredAfterTheRestartWithOneCreateVideo() throws Exception {
        Path out = HOME.resolve("out/clip.mp4.insights.json");
        try (ConfigurableApplicationContext first = start(false)) {
            TestVideos.mp4(HOME.resolve("drop/clip.mp4"), 2);
            JdbcTemplate db = first.getBean(JdbcTemplate.class);
            Await.until("the upload marked complete", Duration.ofSeconds(60), () -> db.queryForObject(
                    "SELECT COUNT(*) FROM pipeline_job WHERE state = 'PROCESSING'", Integer.class) == 1);
        }
        assertThat(out).doesNotExist();

        try (ConfigurableApplicationContext second = start(true)) {
            Await.until("the insights after the restart", Duration.ofSeconds(60), () -> Files.exists(out));
            JdbcTemplate db = second.getBean(JdbcTemplate.class);
            assertThat(db.queryForObject("SELECT COUNT(*) FROM service_video", Integer.class)).as("Create Video calls").isEqualTo(1);
            assertThat(db.queryForObject("SELECT COUNT(*) FROM pipeline_job", Integer.class)).isEqualTo(1);
            assertThat(new ObjectMapper().readTree(out.toFile()).get("durationInSeconds").asInt()).isEqualTo(2);
            Await.moreRuns(second.getBean(CamelContext.class), "poll-status", 3); // still exactly one delivery
            try (var files = Files.list(HOME.resolve("out"))) {
                assertThat(files.map(p -> p.getFileName().toString())).containsExactly("clip.mp4.insights.json");
            }
        }
    }

    private static ConfigurableApplicationContext start(boolean processing) {
        return AppTestSupport.start(HOME, Map.of("mediaroutes.service.processing.enabled", Boolean.toString(processing)));
    }
}
