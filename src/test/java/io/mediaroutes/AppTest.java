package io.mediaroutes;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * A test of the whole app, started on a random port over a home of its own (drop/, out/, data/ under one new
 * temp folder, see {@link AppTestSupport#properties}) and stopped after the class. A subclass changes or adds
 * settings with a {@code @DynamicPropertySource} of its own, which may use {@link #home()}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(locations = "classpath:app-test.properties")
@DirtiesContext
public abstract class AppTest {

    protected static final ObjectMapper JSON = new ObjectMapper();
    protected static final HttpClient HTTP = HttpClient.newHttpClient();

    private static Path home;

    @LocalServerPort
    protected int port;

    /**
     * Before the class's app starts (Spring starts it for the first test instance): app-test.properties places
     * everything under ${mediaroutes.test.home}. As a @TestPropertySource it loses to a subclass's
     * {@code @DynamicPropertySource}; only the folder is a System property, a name nothing else reads.
     */
    @BeforeAll
    static void newHome() {
        home = AppTestSupport.newHome("app");
        System.setProperty("mediaroutes.test.home", home.toString());
    }

    /** The home of this class's app. */
    protected static Path home() {
        return home;
    }
}
