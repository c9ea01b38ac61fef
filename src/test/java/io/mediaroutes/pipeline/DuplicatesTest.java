package io.mediaroutes.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediaroutes.AppTestSupport;
import io.mediaroutes.Await;
import io.mediaroutes.TestVideos;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A drop whose bytes an earlier drop had is not processed again: it gets that drop's video and its insights, under its
 * own name; Create Video (or Video Indexer's upload) happens once per content. mediaroutes.duplicates.enabled=false
 * processes every drop.
 */
class DuplicatesTest {

    @Test
    void theSameBytesUnderAnotherNameAreDeliveredFromTheFirstVideo() throws Exception {
        Path home = AppTestSupport.newHome("duplicates");
        try (ConfigurableApplicationContext app = AppTestSupport.start(home, quick(Map.of()))) {
            Path first = drop(home, TestVideos.mp4(home.resolve("clip.mp4"), 2), "first.mp4");
            awaitDelivered(home, "first.mp4");
            Path archived = first.getParent().resolve(".done/first.mp4"); // archived once its insights are delivered
            Await.until(archived + " archived", Duration.ofSeconds(30), () -> Files.exists(archived));

            drop(home, archived, "again.mp4"); // the same bytes, later
            Path twinSource = TestVideos.mp4(home.resolve("twin.mp4"), 3);
            drop(home, twinSource, "twin-a.mp4");                                  // the same bytes, at once
            drop(home, twinSource, "twin-b.mp4");
            awaitDelivered(home, "again.mp4");
            awaitDelivered(home, "twin-a.mp4");
            awaitDelivered(home, "twin-b.mp4");

            JdbcTemplate db = app.getBean(JdbcTemplate.class);
            assertThat(db.queryForObject("SELECT COUNT(*) FROM service_video", Integer.class)).as("Create Video calls: one per content")
                    .isEqualTo(2);
            assertThat(db.queryForObject("SELECT COUNT(*) FROM pipeline_job WHERE duplicate_of = (SELECT id FROM pipeline_job"
                    + " WHERE name = 'first.mp4')", Integer.class)).as("again.mp4 is recorded as first.mp4's duplicate").isEqualTo(1);
            assertThat(db.queryForObject("SELECT COUNT(*) FROM pipeline_job WHERE name LIKE 'twin-%' AND duplicate_of IS NOT NULL",
                    Integer.class)).as("one twin is the other's duplicate").isEqualTo(1);
            assertThat(Files.readString(home.resolve("out/again.mp4.insights.json")))
                    .isEqualTo(Files.readString(home.resolve("out/first.mp4.insights.json")));
            assertThat(home.resolve("drop/.done/again.mp4")).as("the duplicate drop is done like any other").exists();
        }
    }

    @Test
    void videoIndexerIsAskedOncePerContent() throws Exception {
        Path home = AppTestSupport.newHome("duplicates-vi");
        Map<String, String> props = new HashMap<>(AppTestSupport.videoIndexerMode());
        try (ConfigurableApplicationContext app = AppTestSupport.start(home, quick(props))) {
            Path source = TestVideos.mp4(home.resolve("clip.mp4"), 2);
            drop(home, source, "one.mp4");
            awaitDelivered(home, "one.mp4");
            drop(home, source, "two.mp4");
            awaitDelivered(home, "two.mp4");
            assertThat(app.getBean(JdbcTemplate.class).queryForObject("SELECT COUNT(*) FROM indexer_video", Integer.class))
                    .as("uploads to Video Indexer").isEqualTo(1);
        }
    }

    @Test
    void turnedOffEveryDropIsProcessed() throws Exception {
        Path home = AppTestSupport.newHome("duplicates-off");
        try (ConfigurableApplicationContext app = AppTestSupport.start(home, quick(Map.of("mediaroutes.duplicates.enabled", "false")))) {
            Path source = TestVideos.mp4(home.resolve("clip.mp4"), 2);
            drop(home, source, "one.mp4");
            drop(home, source, "two.mp4");
            awaitDelivered(home, "one.mp4");
            awaitDelivered(home, "two.mp4");
            assertThat(app.getBean(JdbcTemplate.class).queryForObject("SELECT COUNT(*) FROM service_video", Integer.class)).isEqualTo(2);
        }
    }

    private static Map<String, String> quick(Map<String, String> extra) {
        Map<String, String> props = new HashMap<>(extra);
        props.put("mediaroutes.duplicates.enabled", extra.getOrDefault("mediaroutes.duplicates.enabled", "true"));
        props.put("mediaroutes.resume.interval", "300");
        props.put("mediaroutes.insights.ocr.enabled", "false");
        props.put("mediaroutes.insights.transcript.enabled", "false");
        return props;
    }

    /** Copies the video into the drop folder under a name, as a user's file manager would (complete, then renamed). */
    private static Path drop(Path home, Path video, String name) throws Exception {
        Path partial = home.resolve("drop/." + name + ".part");
        Files.copy(video, partial, StandardCopyOption.REPLACE_EXISTING);
        return Files.move(partial, home.resolve("drop/" + name));
    }

    private static void awaitDelivered(Path home, String name) {
        Path insights = home.resolve("out/" + name + ".insights.json");
        Await.until(insights + " delivered", Duration.ofSeconds(90), () -> Files.exists(insights));
    }
}
