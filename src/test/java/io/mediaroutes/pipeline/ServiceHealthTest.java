package io.mediaroutes.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Status;
import org.springframework.mock.env.MockEnvironment;

/** The service counts as up when it answers anything over HTTP, and down when nothing listens. */
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

    private static ServiceHealth health(String url) {
        return new ServiceHealth(new MockEnvironment().withProperty("mediaroutes.video-service.url", url));
    }
}
