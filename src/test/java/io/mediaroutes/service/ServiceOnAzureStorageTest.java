package io.mediaroutes.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.storage.blob.BlobServiceClientBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mediaroutes.AppTest;
import io.mediaroutes.Await;
import io.mediaroutes.Azurite;
import io.mediaroutes.TestVideos;
import io.mediaroutes.media.MediaProbe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** mediaroutes.storage.kind=azure: the same pipeline and service, with every blob in Azurite. */
class ServiceOnAzureStorageTest extends AppTest {

    static Azurite azurite;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        azurite = Azurite.start();
        registry.add("mediaroutes.storage.kind", () -> "azure");
        registry.add("mediaroutes.storage.azure.connection-string", azurite::connectionString);
        registry.add("mediaroutes.storage.azure.cache-dir", () -> home().resolve("cache").toString());
    }

    @AfterAll
    static void stopAzurite() {
        if (azurite != null) {
            azurite.close();
        }
    }

    @Test
    void aDropIsUploadedProcessedAndPlayableWithItsBlobsInAzurite() throws Exception {
        TestVideos.mp4(home().resolve("drop/clip.mp4"), 2);

        Path insights = home().resolve("out/clip.mp4.insights.json");
        Await.until("the insights", Duration.ofSeconds(60), () -> Files.exists(insights));
        JsonNode index = new ObjectMapper().readTree(insights.toFile());
        assertThat(index.get("durationInSeconds").asInt()).isEqualTo(2);

        String container = "asset-" + index.get("id").asText();
        var blobs = new BlobServiceClientBuilder().connectionString(azurite.connectionString()).buildClient()
                .getBlobContainerClient(container);
        assertThat(blobs.listBlobs().stream().map(b -> b.getName()))
                .contains("hls/master.m3u8", "dash/manifest.mpd", "progressive.mp4", "insights/index.json", "thumbnails/poster.jpg");
        String hls = "http://127.0.0.1:" + port + "/media/" + index.get("id").asText() + "/hls/master.m3u8";
        assertThat(MediaProbe.probe(hls).wholeSeconds()).as("HLS served from Azure storage").isEqualTo(2);
    }
}
