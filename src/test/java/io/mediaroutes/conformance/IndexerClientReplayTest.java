package io.mediaroutes.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.mediaroutes.AppTest;
import io.mediaroutes.Await;
import io.mediaroutes.TestVideos;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The pipeline's Video Indexer client (mode videoindexer) against a stub that replays the real service's recorded
 * answers (src/test/resources/conformance/videoindexer), the unhappy ones included: a 429 with Retry-After in the
 * gateway's shape, a 409 VIDEO_INDEXING_IN_PROGRESS, a callback with id and state, and a Failed index whose
 * failureMessage must reach the drop's reason file.
 */
class IndexerClientReplayTest extends AppTest {

    static final String GOOD = "30e66ec1b1"; // the id of the recorded video.json
    static final String BROKEN = "b0b0b0b0b0";
    static final String FAILURE = "The file could not be decoded (recorded index, state set to Failed)";
    static final AtomicInteger GOOD_INDEX_CALLS = new AtomicInteger();
    static final List<String> CALLBACK_ANSWERS = new CopyOnWriteArrayList<>();
    static final HttpServer STUB = stub();
    static int appPort;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("mediaroutes.video-service.api", () -> "videoindexer");
        registry.add("mediaroutes.video-service.url", () -> "http://127.0.0.1:" + STUB.getAddress().getPort());
        registry.add("mediaroutes.indexer.account-id", () -> "acc");
        registry.add("mediaroutes.indexer.subscription-key", () -> "key");
        registry.add("mediaroutes.indexer.location", () -> "trial");
        registry.add("mediaroutes.poll.interval", () -> "1000");
        registry.add("mediaroutes.poll.callback-grace", () -> "1s");
    }

    @AfterAll
    static void stop() {
        STUB.stop(0);
    }

    @Value("${local.server.port}")
    void port(int port) {
        appPort = port;
    }

    @Test
    void theClientGetsThroughRateLimitsIndexingInProgressAndFailuresAsTheRealServiceSendsThem() throws Exception {
        TestVideos.mp4(home().resolve("drop/good.mp4"), 1);
        TestVideos.mp4(home().resolve("drop/broken.mp4"), 2); // not good.mp4's bytes: no duplicate

        Path delivered = home().resolve("out/good.mp4.insights.json");
        Await.until("the recorded index delivered", Duration.ofSeconds(120), () -> Files.exists(delivered));
        assertThat(JSON.readTree(delivered.toFile())).isEqualTo(recording("get-video-index.json"));
        assertThat(GOOD_INDEX_CALLS.get()).as("a 429, a 409, then the index").isGreaterThanOrEqualTo(3);
        assertThat(CALLBACK_ANSWERS).as("the pipeline took the service's callback").anyMatch(status -> status.matches("2\\d\\d"));

        Path reason = home().resolve("drop/.error/broken.mp4.error.json");
        Await.until("the failed video rejected", Duration.ofSeconds(60), () -> Files.exists(reason));
        assertThat(JSON.readTree(reason.toFile()).path("reason").asText()).contains(FAILURE);
    }

    private static HttpServer stub() {
        try {
            HttpServer stub = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            stub.createContext("/auth/trial/Accounts/acc/AccessToken", exchange -> answer(exchange, 200, "\"replayed-token\""));
            stub.createContext("/trial/Accounts/acc/Videos", IndexerClientReplayTest::videos);
            stub.start();
            return stub;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void videos(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String query = exchange.getRequestURI().getRawQuery();
        try (InputStream body = exchange.getRequestBody()) {
            body.transferTo(java.io.OutputStream.nullOutputStream()); // the multipart video
        }
        if (exchange.getRequestMethod().equals("POST") && path.endsWith("/Videos")) {
            boolean good = query.contains("name=good.mp4");
            ObjectNode uploaded = (ObjectNode) recording("video.json");
            uploaded.put("id", good ? GOOD : BROKEN); // the only edit: one recording, two videos
            answer(exchange, 200, uploaded.toString());
            if (good) {
                new Thread(() -> callBack(GOOD)).start(); // indexing "ended": the service calls back
            }
        } else if (path.endsWith("/" + GOOD + "/Index")) {
            int call = GOOD_INDEX_CALLS.incrementAndGet();
            if (call == 1) {
                exchange.getResponseHeaders().add("Retry-After", "1");
                answer(exchange, 429, recording("rate-limited.json").toString());
            } else if (call == 2) {
                answer(exchange, 409, "{\"ErrorType\":\"VIDEO_INDEXING_IN_PROGRESS\",\"Message\":\"Video " + GOOD
                        + " is being indexed.\"}");
            } else {
                answer(exchange, 200, recording("get-video-index.json").toString());
            }
        } else if (path.endsWith("/" + BROKEN + "/Index")) {
            ObjectNode failed = (ObjectNode) recording("get-video-index.json");
            failed.put("state", "Failed");
            ((ObjectNode) failed.withArray("videos").get(0)).put("state", "Failed").put("failureCode", "General")
                    .put("failureMessage", FAILURE);
            answer(exchange, 200, failed.toString());
        } else {
            answer(exchange, 404, "{\"ErrorType\":\"VIDEO_NOT_FOUND\",\"Message\":\"not recorded\"}");
        }
    }

    private static void callBack(String id) {
        try {
            Thread.sleep(300);
            HttpResponse<Void> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + appPort
                    + "/pipeline/video-ended?id=" + id + "&state=Processed")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.discarding());
            CALLBACK_ANSWERS.add(Integer.toString(answer.statusCode()));
        } catch (Exception e) {
            CALLBACK_ANSWERS.add(e.toString());
        }
    }

    private static JsonNode recording(String name) {
        try (InputStream in = IndexerClientReplayTest.class.getResourceAsStream("/conformance/videoindexer/" + name)) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
