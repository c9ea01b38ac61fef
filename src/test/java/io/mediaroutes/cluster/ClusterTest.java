package io.mediaroutes.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediaroutes.AppProcess;
import io.mediaroutes.AppTestSupport;
import io.mediaroutes.Await;
import io.mediaroutes.Azurite;
import io.mediaroutes.Postgres;
import io.mediaroutes.TestVideos;
import io.mediaroutes.WebhookReceiver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Profile cluster as an operator runs it: two app processes on one PostgreSQL schema, one Azure Blob account
 * (Azurite) and one shared drop folder, delivering to one webhook. They split the drops, never create a video
 * twice, and when one is killed with SIGKILL the other finishes its videos.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterTest {

    static final Path HOME = AppTestSupport.newHome("cluster");
    static final String SECRET = "whsec_Y2x1c3RlcnRlc3Q=";
    static Postgres postgres;
    static Azurite azurite;
    static WebhookReceiver receiver;
    static AppProcess first;
    static AppProcess second;

    @BeforeAll
    static void startTwoInstances() throws Exception {
        postgres = new Postgres();
        azurite = Azurite.start();
        receiver = new WebhookReceiver(SECRET, 0);
        first = AppProcess.start(HOME.resolve("first.log"), instance("first"));
        second = AppProcess.start(HOME.resolve("second.log"), instance("second"));
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {first, second, receiver, azurite}) {
            if (c != null) {
                c.close();
            }
        }
        if (postgres != null) {
            postgres.drop();
        }
    }

    @Test
    @Order(1)
    void aHundredDropsAreDeliveredExactlyOnceByBothInstancesTogether() throws Exception {
        drop("batch", 100);

        Await.until("100 videos delivered", Duration.ofMinutes(6), () -> receiver.distinctKeys() == 100);
        Await.morePolls(postgres.db, 4); // still nothing twice
        assertThat(receiver.deliveries).as("webhook calls").hasSize(100).allMatch(WebhookReceiver.Delivery::signatureValid);
        assertThat(postgres.db.queryForObject("SELECT COUNT(*) FROM service_video", Integer.class)).as("Create Video calls").isEqualTo(100);
        assertThat(postgres.db.queryForObject("SELECT COUNT(DISTINCT original_name) FROM service_video", Integer.class)).isEqualTo(100);
        long byFirst = ingested(first, "batch");
        long bySecond = ingested(second, "batch");
        System.out.printf("cluster: 100 drops, ingested by first %d, by second %d%n", byFirst, bySecond);
        assertThat(byFirst).as("ingested by the first instance").isPositive();
        assertThat(bySecond).as("ingested by the second instance").isPositive();
        assertThat(byFirst + bySecond).isEqualTo(100);
        Await.until("100 drops archived", Duration.ofSeconds(60), () -> archived() == 100);
    }

    @Test
    @Order(2)
    void whenOneInstanceIsKilledMidRunTheOtherFinishesItsVideos() throws Exception {
        int before = receiver.deliveries.size();
        drop("killed", 30);
        Await.until("ten of the new drops ingested", Duration.ofMinutes(2), () -> ingested(first, "killed") + ingested(second, "killed") >= 10);
        AppProcess victim = ingested(first, "killed") >= ingested(second, "killed") ? first : second;
        victim.kill();
        long ingestedByVictim = ingested(victim, "killed");
        long deliveredBeforeKill = receiver.distinctKeys() - 100;

        Await.until("all 30 delivered by the survivor", Duration.ofMinutes(4), () -> receiver.distinctKeys() == 130);
        long duplicates = receiver.deliveries.size() - before - 30;
        System.out.printf("cluster: killed an instance after it ingested %d of 30 (%d delivered by then); the other finished all;"
                + " duplicate webhook calls %d%n", ingestedByVictim, deliveredBeforeKill, duplicates);
        assertThat(deliveredBeforeKill).as("work was in flight at the kill").isLessThan(30);
        assertThat(postgres.db.queryForObject("SELECT COUNT(*) FROM service_video WHERE original_name LIKE 'killed-%'", Integer.class))
                .as("Create Video calls").isEqualTo(30);
        assertThat(postgres.db.queryForObject("SELECT COUNT(*) FROM pipeline_job WHERE state <> 'DELIVERED'", Integer.class)).isZero();
        assertThat(duplicates).as("redeliveries, only of videos in delivery at the kill").isLessThanOrEqualTo(2);
    }

    private static long ingested(AppProcess instance, String prefix) {
        return instance.logLines("ingest +: Uploaded " + prefix + "-");
    }

    private static Map<String, String> instance(String name) {
        Map<String, String> props = new HashMap<>(postgres.properties());
        props.put("spring.profiles.active", "cluster");
        props.put("mediaroutes.admin.password", "cluster-admin");
        props.put("mediaroutes.storage.azure.connection-string", azurite.connectionString());
        props.put("mediaroutes.service.signing-key", "cluster-test-signing-key");
        props.put("mediaroutes.service.auth.api-key", "cluster-test-api-key");       // the Connector API needs a credential here,
        props.put("mediaroutes.video-service.api-key", "cluster-test-api-key"); // which the pipeline sends
        props.put("mediaroutes.service.data-dir", HOME.resolve(name + "/data").toString());
        props.put("mediaroutes.storage.azure.cache-dir", HOME.resolve(name + "/data/blob-cache").toString());
        props.put("mediaroutes.insights.model-cache", HOME.resolve(name + "/data/models").toString());
        props.put("mediaroutes.insights.ocr.enabled", "false");        // the coordination is under test here,
        props.put("mediaroutes.insights.transcript.enabled", "false"); // not the analyzers
        props.put("mediaroutes.drop.dir", HOME.resolve("drop").toString());
        props.put("mediaroutes.drop.done-dir", HOME.resolve("drop/.done").toString());
        props.put("mediaroutes.drop.error-dir", HOME.resolve("drop/.error").toString());
        props.put("mediaroutes.drop.min-age", "300");
        props.put("mediaroutes.drop.poll-delay", "300");
        props.put("mediaroutes.out.dir", HOME.resolve("out").toString());
        props.put("mediaroutes.poll.interval", "500");
        props.put("spring.quartz.properties.org.quartz.jobStore.clusterCheckinInterval", "2000");
        props.put("mediaroutes.service.processing.poll-interval", "200");
        props.putAll(AppTestSupport.quickTakeover());
        props.putAll(receiver.sinkProperties(""));
        return props;
    }

    /**
     * Copies of one generated clip, each with bytes of its own (else all but one would be duplicates), each appearing
     * complete at once (as a finished copy would).
     */
    private static void drop(String prefix, int count) throws Exception {
        Path clip = TestVideos.mp4(HOME.resolve("clip-source/" + prefix + ".mp4"), 1, 160, 120);
        for (int i = 0; i < count; i++) {
            Path temp = HOME.resolve("drop/." + prefix + "-" + i + ".mp4");
            TestVideos.distinctCopy(clip, temp, prefix + "-" + i);
            Files.move(temp, HOME.resolve("drop/" + prefix + "-" + i + ".mp4"));
        }
    }

    private static long archived() {
        try (var done = Files.list(HOME.resolve("drop/.done"))) {
            return done.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
