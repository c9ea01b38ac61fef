package io.mediaroutes.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediaroutes.AppTestSupport;
import io.mediaroutes.Await;
import io.mediaroutes.TestVideos;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/** A stop in the middle of processing loses nothing: the next start redoes the job and the video arrives. */
class InterruptedProcessingTest {

    static final Path HOME = AppTestSupport.newHome("interrupted");

    @Test
    void aJobInterruptedByAStopIsRedoneAtTheNextStart() throws Exception {
        Path out = HOME.resolve("out/long.mp4.insights.json");
        try (ConfigurableApplicationContext first = start()) {
            TestVideos.mp4(HOME.resolve("drop/long.mp4"), 30, 1280, 720);
            JdbcTemplate db = first.getBean(JdbcTemplate.class);
            Await.until("processing under way", Duration.ofSeconds(60), () -> db.queryForObject(
                    "SELECT COUNT(*) FROM service_video WHERE state = 'PROCESSING'", Integer.class) == 1);
        }
        assertThat(out).doesNotExist();

        try (ConfigurableApplicationContext second = start()) {
            Await.until("the insights after the restart", Duration.ofSeconds(120), () -> Files.exists(out));
            JdbcTemplate db = second.getBean(JdbcTemplate.class);
            assertThat(db.queryForObject("SELECT state FROM service_video", String.class)).isEqualTo("COMPLETED");
            assertThat(db.queryForObject("SELECT COUNT(*) FROM service_video", Integer.class)).isEqualTo(1);
        }
    }

    private static ConfigurableApplicationContext start() {
        return AppTestSupport.start(HOME, Map.of());
    }
}
