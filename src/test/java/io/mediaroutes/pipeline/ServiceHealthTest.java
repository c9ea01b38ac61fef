package io.mediaroutes.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;
import org.springframework.boot.actuate.health.Status;
import org.springframework.mock.env.MockEnvironment;

/**
 * The service counts as up when it answers anything over HTTP, and down when nothing listens or when Video Indexer
 * refuses the app's identity.
 */
class ServiceHealthTest {

    @Test
    void anAnswerOfAnyStatusIsUp() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(401, -1); // Azure answers a HEAD without a token so
            exchange.close();
        });
        server.start();
        try {
            var health = health("http://127.0.0.1:" + server.getAddress().getPort() + "/api").health();
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).containsEntry("status", 401);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void nobodyListeningIsDown() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        var health = health("http://127.0.0.1:" + port + "/api").health();
        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails()).containsEntry("error", "ConnectException");
    }

    @Test
    void videoIndexerRefusingTheIdentityIsDownAndSaysWhatIsMissing() {
        IndexerClient indexer = Mockito.mock(IndexerClient.class);
        Mockito.when(indexer.accessProblem()).thenReturn("ARM refused ...: give the app's identity the role Contributor");
        var health = new ServiceHealth(new MockEnvironment().withProperty("mediaroutes.video-service.url", "http://127.0.0.1:1"), indexer)
                .health();
        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails().get("access").toString()).contains("role Contributor");
    }

    private static ServiceHealth health(String url) {
        return new ServiceHealth(new MockEnvironment().withProperty("mediaroutes.video-service.url", url), Mockito.mock(IndexerClient.class));
    }
}
