package io.mediaroutes.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.models.BlobProperties;
import com.azure.storage.queue.QueueClient;
import com.azure.storage.queue.QueueServiceClient;
import com.azure.storage.queue.QueueServiceClientBuilder;
import com.azure.storage.queue.models.QueueMessageItem;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mediaroutes.AppTestSupport;
import io.mediaroutes.Await;
import io.mediaroutes.Azurite;
import io.mediaroutes.TestVideos;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The blob drop by events (discover-by: events), for containers too large to list: Event Grid's BlobCreated events
 * on a Storage Queue (Azurite's queue service), in the shape of Azure's own examples (src/test/resources/event-grid),
 * Base64-encoded as Event Grid writes them to a queue, and as plain JSON.
 */
class BlobEventsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static Azurite blobs;
    private static Azurite queues;
    private static BlobContainerClient drops;
    private static QueueClient events;
    private static QueueClient poison;
    private static Path home;
    private static ConfigurableApplicationContext app;

    @BeforeAll
    static void start() throws Exception {
        blobs = Azurite.start();
        queues = Azurite.startQueue();
        String account = blobs.connectionString() + "QueueEndpoint=" + queues.endpoint() + ";";
        drops = new BlobServiceClientBuilder().connectionString(account).buildClient().createBlobContainer("drops");
        QueueServiceClient queueService = new QueueServiceClientBuilder().connectionString(account).buildClient();
        events = queueService.createQueue("drop-events");
        poison = queueService.getQueueClient("drop-events-poison");
        failedFiveTimes("{\"eventType\": \"Microsoft.Storage.BlobCreated\", \"subject\": \"never handled\"}");
        home = AppTestSupport.newHome("blob-events");
        app = AppTestSupport.start(home, Map.of("mediaroutes.azure.connection-string", account,
                "mediaroutes.blob-drop.enabled", "true", "mediaroutes.blob-drop.discover-by", "events",
                "mediaroutes.blob-drop.poll-delay", "200",
                "mediaroutes.insights.ocr.enabled", "false", "mediaroutes.insights.transcript.enabled", "false"));
    }

    /** A message five consumers took before without deleting it, as when each of them failed: poison. */
    private static void failedFiveTimes(String message) {
        events.sendMessage(message);
        for (int taken = 0; taken < 5; ) {
            taken += events.receiveMessages(1, Duration.ofSeconds(1), null, null).stream().count();
        }
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        blobs.close();
        queues.close();
    }

    @Test
    void eachBlobAnEventNamesIsTakenOnceAndWhatCantBeUsedIsSetAsideWithItsReason() throws Exception {
        drops.getBlobClient("clip.mp4").upload(BinaryData.fromFile(TestVideos.mp4(home.resolve("clip.mp4"), 2)), true);
        BlobProperties clip = drops.getBlobClient("clip.mp4").getProperties();
        String created = example("BlobCreated.eventgrid.json", "drops", "clip.mp4", clip);
        events.sendMessage(Base64.getEncoder().encodeToString(created.getBytes(StandardCharsets.UTF_8)));

        Path insights = home.resolve("out/clip.mp4.insights.json");
        Await.until(insights + " delivered", Duration.ofSeconds(60), () -> Files.exists(insights));

        events.sendMessage(example("BlobCreated.cloudevents.json", "drops", "clip.mp4", clip)); // the same blob again
        events.sendMessage(example("BlobCreated.eventgrid.json", "other", "elsewhere.mp4", clip)); // not the drop's
        events.sendMessage("this is no event");
        Await.until("every message handled and deleted", Duration.ofSeconds(60),
                () -> events.getProperties().getApproximateMessagesCount() == 0);

        JdbcTemplate db = app.getBean(JdbcTemplate.class);
        assertThat(db.queryForObject("SELECT COUNT(*) FROM pipeline_job", Integer.class)).as("jobs: the clip, once").isEqualTo(1);
        List<JsonNode> setAside = new ArrayList<>();
        for (QueueMessageItem item : poison.receiveMessages(32)) {
            setAside.add(JSON.readTree(item.getBody().toString()));
        }
        assertThat(setAside).extracting(aside -> aside.path("reason").asText())
                .containsExactlyInAnyOrder("Taken 6 times without success", "The message is neither JSON nor Base64");
        assertThat(setAside).extracting(aside -> aside.path("message").asText()).contains("this is no event");
    }

    /** One of Azure's example events, about a real blob. */
    private static String example(String file, String container, String name, BlobProperties blob) throws Exception {
        String example = new String(BlobEventsTest.class.getResourceAsStream("/event-grid/" + file).readAllBytes(), StandardCharsets.UTF_8);
        return example.replace("/containers/test-container/blobs/new-file.txt", "/containers/" + container + "/blobs/" + name)
                .replace("testcontainer/new-file.txt", container + "/" + name)
                .replace("\\\"0x8D4BCC2E4835CD0\\\"", "\\\"" + blob.getETag().replace("\"", "") + "\\\"")
                .replace("524288", Long.toString(blob.getBlobSize()));
    }
}
