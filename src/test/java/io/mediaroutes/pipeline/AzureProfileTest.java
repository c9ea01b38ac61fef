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
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Profile azure, unchanged but for the base URL and credentials: a blob dropped in Azurite is passed to a
 * Video Indexer (here a second app, the embedded service) by SAS URL, indexed, and delivered. Hawtio and actuator
 * need the operator's login there, and no secret of the run shows in the logs or through Jolokia.
 */
@ExtendWith(OutputCaptureExtension.class)
class AzureProfileTest {

    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final String ADMIN_PASSWORD = "operator-secret";

    @Test
    void theAzureProfileDrivesVideoIndexerFromABlobDrop(CapturedOutput output) throws Exception {
        Path serviceHome = AppTestSupport.newHome("azure-service");
        Path pipelineHome = AppTestSupport.newHome("azure-pipeline");
        try (Azurite azurite = Azurite.start(); ConfigurableApplicationContext service = AppTestSupport.start(serviceHome,
                // the SAS URLs point at Azurite on this machine: allow-listed, as an operator with a local Azurite would
                Map.of("mediaroutes.service.fetch.allow", "127.0.0.1:" + azurite.port()))) {
            String serviceUrl = "http://127.0.0.1:" + service.getEnvironment().getProperty("local.server.port");
            BlobContainerClient drops = new BlobServiceClientBuilder().connectionString(azurite.connectionString()).buildClient()
                    .getBlobContainerClient("drops");
            drops.createIfNotExists();
            drops.getBlobClient("from-azure.mp4").upload(BinaryData.fromBytes(Files.readAllBytes(
                    TestVideos.mp4(pipelineHome.resolve("src.mp4"), 2))), true);

            Map<String, String> azure = new HashMap<>();
            azure.put("spring.profiles.active", "azure");
            azure.put("VIDEO_INDEXER_URL", serviceUrl);
            azure.put("VIDEO_INDEXER_AUTH", "api-key"); // a trial account (ArmIndexerTest has the paid kind)
            azure.put("VIDEO_INDEXER_LOCATION", "trial");
            azure.put("VIDEO_INDEXER_ACCOUNT_ID", Files.readString(serviceHome.resolve("data/indexer-account-id")).strip());
            azure.put("VIDEO_INDEXER_SUBSCRIPTION_KEY", Files.readString(serviceHome.resolve("data/indexer-subscription-key")).strip());
            azure.put("AZURE_STORAGE_CONNECTION_STRING", azurite.connectionString());
            azure.put("MEDIAROUTES_ADMIN_PASSWORD", ADMIN_PASSWORD);
            try (ConfigurableApplicationContext pipeline = AppTestSupport.start(pipelineHome, azure)) {
                assertThat(pipeline.containsBean("videoController")).as("embedded service off").isFalse();
                Path insights = pipelineHome.resolve("out/from-azure.mp4.insights.json");
                Await.until("the insights", Duration.ofSeconds(90), () -> Files.exists(insights));
                assertThat(new ObjectMapper().readTree(insights.toFile()).get("state").asText()).isEqualTo("Processed");
                Await.until("the blob moved", Duration.ofSeconds(10), () -> drops.getBlobClient("processed/from-azure.mp4").exists());

                String url = "http://127.0.0.1:" + pipeline.getEnvironment().getProperty("local.server.port");
                assertThat(status(url + "/actuator/health", null)).as("health, for probes").isEqualTo(200);
                assertThat(status(url + "/actuator/hawtio/", null)).as("Hawtio without login").isEqualTo(401);
                assertThat(status(url + "/actuator/jolokia/version", null)).as("Jolokia without login").isEqualTo(401);
                assertThat(status(url + "/actuator/jolokia/version", ADMIN_PASSWORD)).as("Jolokia with the login").isEqualTo(200);
                String camelMBeans = body(url + "/actuator/jolokia/read/org.apache.camel:*", ADMIN_PASSWORD)
                        + body(url + "/actuator/jolokia/exec/org.apache.camel:context=mediaroutes,type=context,name=%22mediaroutes%22/dumpRoutesAsXml(boolean)/true", ADMIN_PASSWORD);
                assertThat(camelMBeans).contains("ingest-blob");
                List<String> secrets = List.of(azure.get("VIDEO_INDEXER_SUBSCRIPTION_KEY"), Azurite.KEY, ADMIN_PASSWORD,
                        Files.readString(serviceHome.resolve("data/service-signing.key")).strip());
                for (String secret : secrets) {
                    assertThat(output.getAll()).as("the logs").doesNotContain(secret);
                    assertThat(camelMBeans).as("Camel's MBeans, as Hawtio reads them").doesNotContain(secret);
                }
                assertThat(output.getAll()).as("no SAS signature in the logs").doesNotContainPattern("sig=[A-Za-z0-9%]{20,}");
            }
        }
    }

    private static int status(String url, String password) throws Exception {
        return HTTP.send(request(url, password), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static String body(String url, String password) throws Exception {
        return HTTP.send(request(url, password), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static HttpRequest request(String url, String password) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        if (password != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("admin:" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return request.build();
    }
}
