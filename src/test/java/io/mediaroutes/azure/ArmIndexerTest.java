package io.mediaroutes.azure;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import io.mediaroutes.AppTestSupport;
import io.mediaroutes.ArmStandIn;
import io.mediaroutes.Await;
import io.mediaroutes.Azurite;
import io.mediaroutes.EntraId;
import io.mediaroutes.TestVideos;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A paid (ARM) Video Indexer account, as every paying customer has one: the pipeline signs in to Entra ID as a service
 * principal (DefaultAzureCredential, from the AZURE_* variables azure-identity reads), reads the account from ARM
 * and asks ARM's generateAccessToken for its token. ARM is {@link ArmStandIn}, held to Azure's REST specification;
 * Entra ID is {@link EntraId}, a real OAuth2 server on HTTPS; Video Indexer is this app's own service, configured as
 * the account of the spec's example (462af7c5-..., NorthEurope). The blob drop is in Azurite over HTTPS with bearer
 * tokens only: no account key anywhere, so Video Indexer can fetch a blob only by a user delegation SAS.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ArmIndexerTest {

    private static final String ACCOUNT_ID = "462af7c5-d1f6-4b91-86e3-8bc5e8a61574"; // ViAccountGet.json
    private static final String KEY = "0123456789abcdef0123456789abcdef";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static EntraId entra;
    private static ArmStandIn arm;
    private static Azurite storage;
    private static BlobContainerClient drops;
    private static Path home;
    private static ConfigurableApplicationContext app;
    private static String url;

    @BeforeAll
    static void start() throws Exception {
        entra = EntraId.start();
        arm = ArmStandIn.start(entra);
        entra.servicePrincipal().forEach(System::setProperty); // azure-core reads these from the environment or here
        storage = Azurite.withOAuth("blob");
        drops = new BlobServiceClientBuilder().endpoint(storage.endpoint()).credential(new DefaultAzureCredentialBuilder()
                .authorityHost(entra.authorityHost()).disableInstanceDiscovery().build()).buildClient().createBlobContainer("drops");
        home = AppTestSupport.newHome("arm");
        Map<String, String> props = new HashMap<>();
        props.put("mediaroutes.video-service.api", "videoindexer");
        props.put("mediaroutes.service.account-id", ACCOUNT_ID);
        props.put("mediaroutes.service.location", "NorthEurope");
        props.put("mediaroutes.service.subscription-key", KEY);
        props.put("mediaroutes.indexer.auth", "arm");
        props.put("mediaroutes.indexer.arm.subscription-id", "586d4f48-8f08-4a4e-96b7-e1892d6dba9e");
        props.put("mediaroutes.indexer.arm.resource-group", "contoso-rg");
        props.put("mediaroutes.indexer.arm.account-name", "contosto-videoanalyzer");
        props.put("mediaroutes.azure-cloud.authority-host", entra.authorityHost());
        props.put("mediaroutes.azure-cloud.resource-manager", arm.url());
        props.put("mediaroutes.azure-cloud.resource-manager-audience", "https://management.azure.com/");
        props.put("mediaroutes.azure-cloud.instance-discovery", "false");
        props.put("mediaroutes.resume.interval", "500");
        props.put("mediaroutes.blob-drop.enabled", "true");
        props.put("mediaroutes.blob-drop.poll-delay", "300");
        props.put("mediaroutes.azure.blob-endpoint", storage.endpoint());
        // the service fetches the SAS URL, and calls this app back
        props.put("mediaroutes.service.fetch.allow", "127.0.0.1:" + storage.port() + ",127.0.0.1:${local.server.port}/pipeline/video-ended");
        props.put("mediaroutes.insights.ocr.enabled", "false");
        props.put("mediaroutes.insights.transcript.enabled", "false");
        app = AppTestSupport.start(home, props);
        url = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
        arm.accessTokens(ArmIndexerTest::serviceToken);
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        if (entra != null) {
            entra.servicePrincipal().keySet().forEach(System::clearProperty);
            entra.close();
        }
        if (arm != null) {
            arm.close();
        }
        if (storage != null) {
            storage.close();
        }
    }

    @Test
    @Order(1) // before any token is cached
    void anIdentityWithoutTheRoleHoldsTheDropAndSaysWhichRoleThenTheRoleLetsItThrough() throws Exception {
        arm.deny(true);
        Path drop = home.resolve("drop");
        TestVideos.mp4(drop.resolve("paid.mp4"), 2);

        Await.until("the health check to name the missing role", Duration.ofSeconds(60),
                () -> health().contains("give the app's identity the role Contributor on that Video Indexer account"));
        assertThat(health()).contains("\"status\":\"DOWN\"").contains("AuthorizationFailed")
                .contains("/subscriptions/586d4f48-8f08-4a4e-96b7-e1892d6dba9e/resourceGroups/contoso-rg");
        Await.until("a second try, still refused", Duration.ofSeconds(30),
                () -> arm.operations().stream().filter("Generate_AccessToken"::equals).count() >= 2);
        assertThat(drop.resolve("paid.mp4")).as("the drop waits where it was").exists();
        assertThat(drop.resolve(".error/paid.mp4")).as("not rejected: the identity, not the drop, is at fault").doesNotExist();

        arm.deny(false); // the role granted
        Path insights = home.resolve("out/paid.mp4.insights.json");
        Await.until(insights + " delivered", Duration.ofSeconds(120), () -> Files.exists(insights));
        assertThat(Files.readString(insights)).contains("\"state\":\"Processed\"");
        Await.until("the health check up again", Duration.ofSeconds(30), () -> health().startsWith("{\"status\":\"UP\""));

        assertThat(arm.violations()).as("requests that break Azure's REST specification").isEmpty();
        assertThat(arm.operations()).as("the account is read once; its tokens are generated").startsWith("Accounts_Get")
                .filteredOn("Accounts_Get"::equals).hasSize(1);
    }

    @Test
    @Order(2)
    void aBlobDropInAnAccountWithoutKeysGoesToVideoIndexerByUserDelegationSas() throws Exception {
        arm.deny(false);
        drops.getBlobClient("keyless.mp4").uploadFromFile(TestVideos.mp4(home.resolve("keyless.mp4"), 2).toString());

        Path insights = home.resolve("out/keyless.mp4.insights.json");
        Await.until(insights + " delivered", Duration.ofSeconds(120), () -> Files.exists(insights));
        assertThat(Files.readString(insights)).contains("\"name\":\"keyless.mp4\"").contains("\"state\":\"Processed\"");
        Await.until("the blob moved under processed/", Duration.ofSeconds(30),
                () -> drops.getBlobClient("processed/keyless.mp4").exists() && !drops.getBlobClient("keyless.mp4").exists());
        assertThat(arm.violations()).isEmpty();
    }

    private static String health() {
        return get(url + "/actuator/health");
    }

    /** A real account token of the Video Indexer that stands for the ARM account: what generateAccessToken returns. */
    private static String serviceToken() {
        String json = send(HttpRequest.newBuilder(URI.create(url + "/auth/NorthEurope/Accounts/" + ACCOUNT_ID
                + "/AccessToken?allowEdit=true")).header("Ocp-Apim-Subscription-Key", KEY).build());
        return json.substring(1, json.length() - 1); // a JSON string
    }

    private static String get(String uri) {
        return send(HttpRequest.newBuilder(URI.create(uri)).build());
    }

    private static String send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
