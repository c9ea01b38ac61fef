package io.mediaroutes.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediaroutes.AppProcess;
import io.mediaroutes.AppTestSupport;
import io.mediaroutes.Await;
import io.mediaroutes.Postgres;
import io.mediaroutes.TestVideos;
import io.mediaroutes.WebhookReceiver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * kill -9 of the app (a real SIGKILL of its process) at each step of a video's way, then a restart: the video
 * arrives, Create Video was called once, and the idempotent sinks hold it once.
 */
class CrashTest {

    static final String SECRET = "whsec_Y3Jhc2h0ZXN0";
    static Postgres postgres;
    static WebhookReceiver receiver;

    @BeforeAll
    static void setUp() {
        postgres = new Postgres();
        receiver = new WebhookReceiver(SECRET, 0);
    }

    @AfterAll
    static void tearDown() {
        receiver.close();
        postgres.drop();
    }

    @Test
    void killedWhileUploadingTheRestartUploadsAgainWithoutASecondCreateVideo() throws Exception {
        Path home = AppTestSupport.newHome("crash-upload");
        // every service call held 300 ms and 256 KB blocks: the upload of this 3 MB clip takes seconds
        Map<String, String> slow = Map.of("mediaroutes.service.faults.rate", "1", "mediaroutes.service.faults.kinds", "slow",
                "mediaroutes.service.faults.slow-ms", "300", "mediaroutes.upload.block-size", "256KB",
                "mediaroutes.upload.concurrency", "1");
        try (AppProcess app = start(home, "first", slow)) {
            TestVideos.mp4(home.resolve("drop/upload.mp4"), 6, 1280, 720);
            Await.until("the upload under way", Duration.ofSeconds(60), () -> count("pipeline_job WHERE name = 'upload.mp4' AND state = 'CREATED'") == 1);
            Thread.sleep(1000);
            app.kill();
        }
        assertThat(count("pipeline_job WHERE name = 'upload.mp4' AND state = 'CREATED'")).as("killed mid-upload").isEqualTo(1);

        try (AppProcess app = start(home, "second", Map.of())) {
            Await.until("the insights after the restart", Duration.ofSeconds(90), () -> Files.exists(home.resolve("out/upload.mp4.insights.json")));
            assertThat(count("service_video WHERE original_name = 'upload.mp4'")).as("Create Video calls").isEqualTo(1);
        }
    }

    @Test
    void killedWhileTheServiceProcessesTheJobIsRedoneAfterTheRestart() throws Exception {
        Path home = AppTestSupport.newHome("crash-processing");
        try (AppProcess app = start(home, "first", Map.of())) {
            TestVideos.mp4(home.resolve("drop/processing.mp4"), 20, 1280, 720);
            Await.until("processing under way", Duration.ofSeconds(60), () -> count("service_video WHERE original_name = 'processing.mp4' AND state = 'PROCESSING'") == 1);
            app.kill();
        }
        try (AppProcess app = start(home, "second", Map.of())) {
            Await.until("the insights after the restart", Duration.ofSeconds(120), () -> Files.exists(home.resolve("out/processing.mp4.insights.json")));
            assertThat(app.logLines("processing.*was interrupted.*processing it again")).as("the redo, logged").isEqualTo(1);
            assertThat(count("service_video WHERE original_name = 'processing.mp4' AND state = 'COMPLETED'")).isEqualTo(1);
            assertThat(count("service_video WHERE original_name = 'processing.mp4'")).as("Create Video calls").isEqualTo(1);
        }
    }

    @Test
    void killedWhileDeliveringTheRestartDeliversAgainAndTheSinksHoldTheVideoOnce() throws Exception {
        Path home = AppTestSupport.newHome("crash-deliver");
        receiver.answerAfterMillis = 30_000; // the first delivery hangs: the kill comes while the webhook call is open
        int before = receiver.deliveries.size();
        try (AppProcess app = start(home, "first", Map.of())) {
            TestVideos.mp4(home.resolve("drop/deliver.mp4"), 1);
            Await.until("the webhook call open", Duration.ofSeconds(90), () -> receiver.deliveries.size() > before);
            app.kill();
        }
        receiver.answerAfterMillis = 0;
        try (AppProcess app = start(home, "second", Map.of())) {
            Await.until("delivered after the restart", Duration.ofSeconds(60), () -> count("pipeline_job WHERE name = 'deliver.mp4' AND state = 'DELIVERED'") == 1);
            long polls = app.routeRuns("poll-status");
            Await.until("3 more Status polls", Duration.ofSeconds(60), () -> app.routeRuns("poll-status") >= polls + 3); // nothing more
        }
        String key = receiver.deliveries.get(before).key();
        assertThat(receiver.deliveries.subList(before, receiver.deliveries.size())).as("the webhook: the same video again, same Idempotency-Key")
                .hasSize(2).allMatch(d -> d.key().equals(key));
        try (var out = Files.list(home.resolve("out"))) {
            assertThat(out.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith("."))).containsExactly("deliver.mp4.insights.json");
        }
        assertThat(count("service_video WHERE original_name = 'deliver.mp4'")).as("Create Video calls").isEqualTo(1);
    }

    private static int count(String fromWhere) {
        return postgres.db.queryForObject("SELECT COUNT(*) FROM " + fromWhere, Integer.class);
    }

    private static AppProcess start(Path home, String name, Map<String, String> extra) throws Exception {
        Map<String, String> props = new HashMap<>(AppTestSupport.properties(home));
        props.putAll(postgres.properties());
        props.put("mediaroutes.insights.ocr.enabled", "false");
        props.put("mediaroutes.insights.transcript.enabled", "false");
        props.putAll(AppTestSupport.quickTakeover());
        props.putAll(receiver.sinkProperties("direct:file-out,"));
        props.putAll(extra);
        return AppProcess.start(home.resolve(name + ".log"), props);
    }
}
