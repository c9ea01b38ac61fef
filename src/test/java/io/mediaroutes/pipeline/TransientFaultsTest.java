package io.mediaroutes.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.mediaroutes.AppTest;
import io.mediaroutes.Await;
import io.mediaroutes.TestVideos;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The pipeline talks to the service through a proxy that answers the first call of each kind with a
 * transient error (503 with Retry-After, 429, 408): every video still arrives once, and Retry-After is honoured.
 * The faults are injected because the real service does not produce them on demand.
 */
class TransientFaultsTest extends AppTest {

    static final FaultyProxy PROXY = new FaultyProxy();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("mediaroutes.video-service.url", PROXY::url);
    }

    @Autowired
    JdbcTemplate db;

    @AfterAll
    static void stopProxy() {
        PROXY.server.stop(0);
    }

    @Test
    void transientErrorsAreRetriedHonouringRetryAfterAndNothingIsCreatedTwice() throws Exception {
        PROXY.reset("http://127.0.0.1:" + port);
        PROXY.fail("POST /api/Videos", 503, "2");
        PROXY.fail("MarkComplete", 429, "1");
        PROXY.fail("Status", 408, null);

        TestVideos.mp4(home().resolve("drop/flaky.mp4"), 1);

        Await.until("the insights despite faults", Duration.ofSeconds(60),
                () -> Files.exists(home().resolve("out/flaky.mp4.insights.json")));
        List<Long> creates = PROXY.calls("POST /api/Videos");
        assertThat(creates).hasSize(2);
        assertThat(creates.get(1) - creates.get(0)).as("ms waited after Retry-After: 2").isGreaterThanOrEqualTo(1900);
        assertThat(PROXY.calls("MarkComplete")).hasSize(2);
        assertThat(db.queryForObject("SELECT COUNT(*) FROM service_video", Integer.class)).isEqualTo(1);
        assertThat(home().resolve("drop/.error/flaky.mp4.error.json")).doesNotExist();
    }

    @Test
    void aNonTransientErrorRejectsTheDropAtOnceWithTheServicesWords() throws Exception {
        PROXY.reset("http://127.0.0.1:" + port);
        Files.writeString(home().resolve("drop/.readme.txt"), "a text file");
        Files.move(home().resolve("drop/.readme.txt"), home().resolve("drop/readme.txt"));

        Path reason = home().resolve("drop/.error/readme.txt.error.json");
        Await.until("the reason file", Duration.ofSeconds(30), () -> Files.exists(reason));
        assertThat(Files.readString(reason)).contains("HTTP 400").contains("CORRECT extension");
    }

    /** Forwards to the app, except that the first call matching each planted fault gets that fault. */
    static class FaultyProxy {
        final HttpServer server;
        final HttpClient client = HttpClient.newHttpClient();
        final ConcurrentHashMap<String, String[]> faults = new ConcurrentHashMap<>();
        final ConcurrentHashMap<String, List<Long>> seen = new ConcurrentHashMap<>();
        volatile String target;

        FaultyProxy() {
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            server.createContext("/", this::handle);
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        void reset(String target) {
            this.target = target;
            faults.clear();
            seen.clear();
        }

        void fail(String match, int status, String retryAfter) {
            faults.put(match, new String[] {Integer.toString(status), retryAfter});
        }

        List<Long> calls(String match) {
            return seen.getOrDefault(match, List.of());
        }

        private void handle(HttpExchange exchange) throws IOException {
            String call = exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
            byte[] body = exchange.getRequestBody().readAllBytes();
            for (String match : List.of("POST /api/Videos", "MarkComplete", "Status")) {
                if (call.equals(match) || !match.contains(" ") && call.endsWith("/" + match)) {
                    seen.computeIfAbsent(match, k -> new CopyOnWriteArrayList<>()).add(System.currentTimeMillis());
                    String[] fault = faults.remove(match);
                    if (fault != null) {
                        if (fault[1] != null) {
                            exchange.getResponseHeaders().add("Retry-After", fault[1]);
                        }
                        exchange.sendResponseHeaders(Integer.parseInt(fault[0]), -1);
                        exchange.close();
                        return;
                    }
                }
            }
            try {
                HttpRequest.Builder forward = HttpRequest.newBuilder(URI.create(target + exchange.getRequestURI()))
                        .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
                String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
                if (contentType != null) {
                    forward.header("Content-Type", contentType);
                }
                HttpResponse<byte[]> response = client.send(forward.build(), HttpResponse.BodyHandlers.ofByteArray());
                response.headers().firstValue("Content-Type").ifPresent(ct -> exchange.getResponseHeaders().add("Content-Type", ct));
                exchange.sendResponseHeaders(response.statusCode(), response.body().length == 0 ? -1 : response.body().length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(response.body());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                exchange.sendResponseHeaders(502, -1);
            } finally {
                exchange.close();
            }
        }
    }

}
