package io.mediaroutes.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mediaroutes.AppTest;
import io.mediaroutes.Await;
import io.mediaroutes.TestVideos;
import io.mediaroutes.service.Video;
import io.mediaroutes.service.VideoRepository;
import io.mediaroutes.storage.BlobStore;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** With mediaroutes.upload.input-encryption=AES256 the pipeline uploads ciphertext, and the video still arrives. */
class EncryptedUploadPipelineTest extends AppTest {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("mediaroutes.upload.input-encryption", () -> "AES256");
        registry.add("mediaroutes.upload.block-size", () -> "64KB"); // several encrypted blocks
    }

    @Autowired
    VideoRepository videos;
    @Autowired
    BlobStore blobs;

    @Test
    void theUploadedBytesAreCiphertextAndTheInsightsArrive() throws Exception {
        Path drop = TestVideos.mp4(home().resolve("clip.mp4"), 2);
        byte[] clear = Files.readAllBytes(drop);
        Files.move(drop, home().resolve("drop/clip.mp4"));

        Path insights = home().resolve("out/clip.mp4.insights.json");
        Await.until("the insights", Duration.ofSeconds(60), () -> Files.exists(insights));
        assertThat(new ObjectMapper().readTree(insights.toFile()).get("durationInSeconds").asInt()).isEqualTo(2);

        String videoId = new ObjectMapper().readTree(insights.toFile()).get("id").asText();
        Video video = videos.find(videoId).orElseThrow();
        assertThat(video.inputEncryption()).isEqualTo("AES256");
        try (InputStream stored = blobs.openRead(video.container(), video.fileName())) {
            byte[] uploaded = stored.readAllBytes();
            assertThat(uploaded).hasSameSizeAs(clear);
            assertThat(Arrays.equals(uploaded, clear)).as("stored bytes equal the clear file").isFalse();
        }
    }
}
