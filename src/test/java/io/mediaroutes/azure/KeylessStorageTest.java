package io.mediaroutes.azure;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClient;
import io.mediaroutes.Azurite;
import io.mediaroutes.EntraId;
import io.mediaroutes.pipeline.BlobDrop;
import io.mediaroutes.pipeline.config.AzureProperties;
import io.mediaroutes.pipeline.config.BlobDropProperties;
import io.mediaroutes.storage.AzureBlobStore;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Azure Storage with shared key access disabled: the app's Entra ID identity (DefaultAzureCredential, a service
 * principal from {@link EntraId}) against Azurite's OAuth mode over HTTPS, which takes nothing but bearer tokens.
 */
class KeylessStorageTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static EntraId entra;
    private static Azurite azurite;
    private static BlobServiceClient account;

    @BeforeAll
    static void start() throws Exception {
        entra = EntraId.start();
        entra.servicePrincipal().forEach(System::setProperty);
        azurite = Azurite.withOAuth("blob");
        AzureIdentity identity = new AzureIdentity(new AzureCloudProperties(URI.create(entra.authorityHost()),
                URI.create("https://management.azure.com/"), URI.create("https://management.azure.com/"), false));
        account = identity.blobService("", azurite.endpoint(), "an endpoint");
    }

    @AfterAll
    static void stop() {
        if (azurite != null) {
            azurite.close();
        }
        if (entra != null) {
            entra.servicePrincipal().keySet().forEach(System::clearProperty);
            entra.close();
        }
    }

    @Test
    void aBlobDropsSasUrlIsAUserDelegationSasThatReadsTheBlobAndNothingElse() throws Exception {
        BlobContainerClient drops = account.createBlobContainer("drops");
        drops.getBlobClient("clip.mp4").upload(new ByteArrayInputStream("video bytes".getBytes(StandardCharsets.UTF_8)), 11);
        BlobDrop drop = new BlobDrop(provider(account), new ObjectMapper(),
                new BlobDropProperties(true, BlobDropProperties.DiscoverBy.LISTING, "drops", 1000, 100,
                        BlobDropProperties.AfterDelivery.MOVE, "processed/", "error/", Duration.ofMinutes(30), "drop-events", 5), new AzureProperties("", azurite.endpoint(), ""));

        String sas = drop.sasUrl("azure-blob://drops/clip.mp4");

        assertThat(sas).as("signed with an Entra-issued user delegation key, for the app's identity")
                .contains("skoid=" + EntraId.OBJECT_ID).contains("sktid=" + EntraId.TENANT).contains("sp=r&");
        assertThat(get(sas).body()).isEqualTo("video bytes");
        assertThat(get(sas.replaceFirst("sig=[^&]+", "sig=AAAA")).statusCode()).as("a forged signature").isEqualTo(403);
        assertThat(get(azurite.endpoint() + "/drops/clip.mp4").statusCode()).as("no token, no SAS").isIn(401, 403, 404);
        HttpResponse<String> write = HTTP.send(HttpRequest.newBuilder(URI.create(sas.replace("clip.mp4", "other.mp4")))
                .header("x-ms-blob-type", "BlockBlob").PUT(HttpRequest.BodyPublishers.ofString("x")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(write.statusCode()).as("the SAS reads one blob; it writes nothing").isEqualTo(403);
    }

    @Test
    void theServiceKeepsItsBlobsInAnAccountWithoutKeys() throws Exception {
        AzureBlobStore store = new AzureBlobStore(account, Files.createTempDirectory("blob-cache"));
        store.putBlob("media", "a/b.txt", new ByteArrayInputStream("kept".getBytes(StandardCharsets.UTF_8)));
        try (var in = store.openRead("media", "a/b.txt")) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("kept");
        }
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static org.springframework.beans.factory.ObjectProvider<BlobServiceClient> provider(BlobServiceClient client) {
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        beans.addBean("blobServiceClient", client);
        return beans.getBeanProvider(BlobServiceClient.class);
    }
}
