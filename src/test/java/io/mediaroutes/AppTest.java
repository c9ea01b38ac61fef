package io.mediaroutes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * A test of the whole app, started on a random port over a home of its own (drop/, out/, data/ under one new temp
 * folder, see {@link AppTestSupport#properties}). Test classes with the same settings share one app (Spring's test
 * context cache); a subclass changes or adds settings with a {@code @DynamicPropertySource} of its own, which may use
 * {@link #home()}, and so gets an app of its own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(locations = "classpath:app-test.properties")
public abstract class AppTest {

    protected static final ObjectMapper JSON = new ObjectMapper();
    protected static final HttpClient HTTP = HttpClient.newHttpClient();

    /** The home of the app being made, then of the app the running test class uses. */
    private static Path home;

    @LocalServerPort
    protected int port;

    /** Each new app gets a new home; app-test.properties places everything under it. */
    @DynamicPropertySource
    static void newHome(DynamicPropertyRegistry registry) {
        Path made = AppTestSupport.newHome("app");
        home = made;
        registry.add("mediaroutes.test.home", made::toString);
    }

    /** A class that shares an app made for an earlier class uses that app's home. */
    @Value("${mediaroutes.test.home}")
    void useHome(Path appHome) {
        home = appHome;
    }

    /** The home of this class's app. */
    protected static Path home() {
        return home;
    }

    /** A GET of the embedded Video Indexer API under this app's trial account, its answer as JSON. */
    protected JsonNode indexerGet(String path) throws java.io.IOException {
        return JSON.readTree(RawHttp.send(port, "GET /trial/Accounts/" + indexerAccountId() + path + " HTTP/1.1\r\nHost: 127.0.0.1").text());
    }

    /** A video's state in its index ("" while the API does not answer), for waiting on. */
    protected String indexerState(String id, String token) {
        try {
            return indexerGet("/Videos/" + id + "/Index?accessToken=" + token).path("state").asText();
        } catch (java.io.IOException e) {
            return "";
        }
    }

    /** The embedded Video Indexer's account id, as the app wrote it into its home. */
    protected static String indexerAccountId() throws java.io.IOException {
        return java.nio.file.Files.readString(home().resolve("data/indexer-account-id")).strip();
    }

    /** The embedded Video Indexer's subscription key, as the app wrote it into its home. */
    protected static String indexerSubscriptionKey() throws java.io.IOException {
        return java.nio.file.Files.readString(home().resolve("data/indexer-subscription-key")).strip();
    }
}
