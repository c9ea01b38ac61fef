package io.mediaroutes.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mediaroutes.AppTestSupport;
import io.mediaroutes.Await;
import io.mediaroutes.Azurite;
import io.mediaroutes.TestVideos;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Profile azure, unchanged but for the base URL and credentials: a blob dropped in Azurite is passed to a
 * Video Indexer (here a second app, the embedded service) by SAS URL, indexed, and delivered.
 */
class AzureProfileTest {

    @Test
    void theAzureProfileDrivesVideoIndexerFromABlobDrop() throws Exception {
        Path serviceHome = AppTestSupport.newHome("azure-service");
        Path pipelineHome = AppTestSupport.newHome("azure-pipeline");
        try (Azurite azurite = Azurite.start(); ConfigurableApplicationContext service = AppTestSupport.start(serviceHome, Map.of())) {
            String serviceUrl = "http://127.0.0.1:" + service.getEnvironment().getProperty("local.server.port");
            BlobContainerClient drops = new BlobServiceClientBuilder().connectionString(azurite.connectionString()).buildClient()
                    .getBlobContainerClient("drops");
            drops.createIfNotExists();
            drops.getBlobClient("from-azure.mp4").upload(BinaryData.fromBytes(Files.readAllBytes(
                    TestVideos.mp4(pipelineHome.resolve("src.mp4"), 2))), true);

            Map<String, String> azure = new HashMap<>();
            azure.put("spring.profiles.active", "azure");
            azure.put("VIDEO_INDEXER_URL", serviceUrl);
            azure.put("VIDEO_INDEXER_LOCATION", "trial");
            azure.put("VIDEO_INDEXER_ACCOUNT_ID", Files.readString(serviceHome.resolve("data/indexer-account-id")).strip());
            azure.put("VIDEO_INDEXER_SUBSCRIPTION_KEY", Files.readString(serviceHome.resolve("data/indexer-subscription-key")).strip());
            azure.put("AZURE_STORAGE_CONNECTION_STRING", azurite.connectionString());
            try (ConfigurableApplicationContext pipeline = AppTestSupport.start(pipelineHome, azure)) {
                assertThat(pipeline.containsBean("videoController")).as("embedded service off").isFalse();
                Path insights = pipelineHome.resolve("out/from-azure.mp4.insights.json");
                Await.until("the insights", Duration.ofSeconds(90), () -> Files.exists(insights));
                assertThat(new ObjectMapper().readTree(insights.toFile()).get("state").asText()).isEqualTo("Processed");
                Await.until("the blob moved", Duration.ofSeconds(10), () -> drops.getBlobClient("processed/from-azure.mp4").exists());
            }
        }
    }
}
