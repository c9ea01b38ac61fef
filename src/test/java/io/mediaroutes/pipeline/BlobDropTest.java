package io.mediaroutes.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import io.mediaroutes.AppTestSupport;
import io.mediaroutes.Await;
import io.mediaroutes.Azurite;
import io.mediaroutes.TestVideos;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/** Blob drops on Azurite: taken page by page, delivered, moved or kept; failures under error/; restarts take nothing twice. */
class BlobDropTest {

    static Azurite azurite;

    @BeforeAll
    static void startAzurite() throws Exception {
        azurite = Azurite.start();
    }

    @AfterAll
    static void stopAzurite() {
        if (azurite != null) {
            azurite.close();
        }
    }

    @Test
    void blobsAreDeliveredAndMovedAndBadOnesGoUnderErrorWithAReason() throws Exception {
        Path home = AppTestSupport.newHome("blob-drop");
        BlobContainerClient drops = container("drops");
        upload(drops, "inbox/clip one.mp4", Files.readAllBytes(TestVideos.mp4(home.resolve("a.mp4"), 2)));
        upload(drops, "b.mp4", Files.readAllBytes(TestVideos.mp4(home.resolve("b.mp4"), 1)));
        upload(drops, "notes.mp4", "not a video".getBytes());
        upload(drops, "empty.mp4", new byte[0]);

        try (ConfigurableApplicationContext app = start(home, "drops", "move")) {
            Await.until("both videos delivered and both bad blobs rejected", Duration.ofSeconds(90),
                    () -> Files.exists(home.resolve("out/clip one.mp4.insights.json")) && Files.exists(home.resolve("out/b.mp4.insights.json"))
                            && drops.getBlobClient("error/notes.mp4.error.json").exists()
                            && drops.getBlobClient("error/empty.mp4.error.json").exists());
            Await.until("the delivered blobs moved", Duration.ofSeconds(10),
                    () -> drops.getBlobClient("processed/inbox/clip one.mp4").exists() && drops.getBlobClient("processed/b.mp4").exists());
            assertThat(drops.listBlobs().stream().map(b -> b.getName())).containsExactlyInAnyOrder(
                    "processed/inbox/clip one.mp4", "processed/b.mp4", "error/notes.mp4", "error/notes.mp4.error.json",
                    "error/empty.mp4", "error/empty.mp4.error.json");
            assertThat(drops.getBlobClient("error/notes.mp4.error.json").downloadContent().toString()).contains("Not a video");
            assertThat(drops.getBlobClient("error/empty.mp4.error.json").downloadContent().toString()).contains("empty");
        }
    }

    @Test
    void aKeptBlobIsNotTakenAgainAfterARestart() throws Exception {
        aBlobLeftInPlaceIsNotTakenAgainAfterARestart("keep");
    }

    @Test
    void aTaggedBlobIsNotTakenAgainAfterARestart() throws Exception {
        BlobContainerClient tagged = aBlobLeftInPlaceIsNotTakenAgainAfterARestart("tag");
        assertThat(tagged.getBlobClient("clip.mp4").getTags()).containsEntry("mediaroutes", "processed");
    }

    private BlobContainerClient aBlobLeftInPlaceIsNotTakenAgainAfterARestart(String afterDelivery) throws Exception {
        Path home = AppTestSupport.newHome("blob-" + afterDelivery);
        BlobContainerClient keep = container(afterDelivery);
        upload(keep, "clip.mp4", Files.readAllBytes(TestVideos.mp4(home.resolve("clip.mp4"), 1)));

        try (ConfigurableApplicationContext app = start(home, afterDelivery, afterDelivery)) {
            Await.until("delivered", Duration.ofSeconds(60), () -> Files.exists(home.resolve("out/clip.mp4.insights.json")));
        }
        try (ConfigurableApplicationContext app = start(home, afterDelivery, afterDelivery)) {
            Await.moreRuns(app.getBean(CamelContext.class), "ingest-blob", 3); // three listings of the container
            JdbcTemplate db = app.getBean(JdbcTemplate.class);
            assertThat(db.queryForObject("SELECT COUNT(*) FROM service_video", Integer.class)).as("Create Video calls").isEqualTo(1);
            assertThat(db.queryForObject("SELECT COUNT(*) FROM pipeline_job", Integer.class)).isEqualTo(1);
            assertThat(keep.getBlobClient("clip.mp4").exists()).isTrue();
        }
        return keep;
    }

    private static BlobContainerClient container(String name) {
        BlobContainerClient container = new BlobServiceClientBuilder().connectionString(azurite.connectionString()).buildClient()
                .getBlobContainerClient(name);
        container.createIfNotExists();
        return container;
    }

    private static void upload(BlobContainerClient container, String name, byte[] bytes) {
        container.getBlobClient(name).upload(BinaryData.fromBytes(bytes), true);
    }

    private static ConfigurableApplicationContext start(Path home, String container, String afterDelivery) {
        return AppTestSupport.start(home, Map.of(
                "mediaroutes.azure.connection-string", azurite.connectionString(),
                "mediaroutes.blob-drop.enabled", "true",
                "mediaroutes.blob-drop.container", container,
                "mediaroutes.blob-drop.page-size", "1", // every blob on a page of its own: paging is exercised
                "mediaroutes.blob-drop.poll-delay", "200",
                "mediaroutes.blob-drop.after-delivery", afterDelivery));
    }
}
