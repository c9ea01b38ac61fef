package io.mediaroutes.service.indexer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.mediaroutes.service.ServiceProperties;
import io.mediaroutes.AppTest;
import io.mediaroutes.Await;
import io.mediaroutes.TestVideos;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.springframework.util.unit.DataSize;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The Video Indexer API reference's flow against the embedded service, as its C# sample does it, plus every token rule and the rate limit. */
class VideoIndexerApiTest extends AppTest {

    static final List<String> CALLBACKS = new CopyOnWriteArrayList<>();
    static final HttpServer FILES;

    static {
        try {
            FILES = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            FILES.createContext("/videos/clip.mp4", exchange -> {
                byte[] bytes = Files.readAllBytes(home().resolve("served.mp4"));
                exchange.sendResponseHeaders(200, bytes.length);
                exchange.getResponseBody().write(bytes);
                exchange.close();
            });
            FILES.createContext("/callback", exchange -> {
                CALLBACKS.add(exchange.getRequestURI().getQuery());
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
            });
            FILES.start();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        // the flow below polls quickly: a wider limit here; 10/s and 120/min are checked in theLimitWindows...
        registry.add("mediaroutes.service.rate-limit.per-second", () -> "40");
        registry.add("mediaroutes.service.rate-limit.per-minute", () -> "5000");
        // the test's file and callback server is on this machine: allow-listed, as an operator would
        registry.add("mediaroutes.service.fetch.allow", () -> "127.0.0.1:" + FILES.getAddress().getPort());
    }

    @AfterAll
    static void stop() {
        FILES.stop(0);
    }

    @Autowired
    IndexerAccount account;
    @Autowired
    AccessTokens tokens;

    @Test
    void theReferenceFlowUploadByUrlIndexSearchCaptionsThumbnailsReIndexDelete() throws Exception {
        TestVideos.mp4(home().resolve("served.mp4"), 2);
        String token = JSON.readTree(get(auth("/AccessToken?allowEdit=true"), true).body()).asText();

        String callback = "http://127.0.0.1:" + FILES.getAddress().getPort() + "/callback";
        String videoUrl = "http://127.0.0.1:" + FILES.getAddress().getPort() + "/videos/clip.mp4";
        HttpResponse<String> upload = send(HttpRequest.newBuilder(uri(api("/Videos?accessToken=" + token + "&name=some_name"
                + "&description=some_description&privacy=private&partition=some_partition&externalId=ext-1&callbackUrl="
                + enc(callback) + "&videoUrl=" + enc(videoUrl)))).POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(upload.statusCode()).as(upload.body()).isEqualTo(200);
        String id = JSON.readTree(upload.body()).get("id").asText();
        assertThat(JSON.readTree(upload.body()).get("name").asText()).isEqualTo("some_name");

        Await.until("Processed", Duration.ofSeconds(60), () -> state(id, token).equals("Processed"));
        Await.until("the callback", Duration.ofSeconds(10), () -> CALLBACKS.contains("id=" + id + "&state=Processed"));
        JsonNode index = JSON.readTree(get(api("/Videos/" + id + "/Index?accessToken=" + token), false).body());
        assertThat(index.get("accountId").asText()).isEqualTo(account.accountId());
        assertThat(index.get("durationInSeconds").asInt()).isEqualTo(2);
        assertThat(index.get("description").asText()).isEqualTo("some_description");

        assertThat(JSON.readTree(get(api("/Videos/Search?accessToken=" + token + "&id=" + id), false).body()).at("/results/0/id").asText()).isEqualTo(id);
        assertThat(JSON.readTree(get(api("/Videos/Search?accessToken=" + token + "&externalId=ext-1"), false).body()).get("results")).hasSize(1);
        assertThat(JSON.readTree(get(api("/Videos/Search?accessToken=" + token + "&query=some_name"), false).body()).get("results")).hasSize(1);
        assertThat(JSON.readTree(get(api("/Videos/Search?accessToken=" + token + "&query=nothing-like-it"), false).body()).get("results")).isEmpty();
        assertThat(get(api("/Videos/" + id + "/Captions?format=Srt&accessToken=" + token), false).statusCode()).isEqualTo(200);
        String thumbnailId = index.at("/videos/0/insights/shots/0/keyFrames/0/instances/0/thumbnailId").asText();
        HttpResponse<byte[]> jpeg = HTTP.send(HttpRequest.newBuilder(uri(api("/Videos/" + id + "/Thumbnails/" + thumbnailId + "?accessToken=" + token))).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(ImageIO.read(new java.io.ByteArrayInputStream(jpeg.body()))).isNotNull();

        assertThat(send(HttpRequest.newBuilder(uri(api("/Videos/" + id + "/ReIndex?accessToken=" + token))).PUT(HttpRequest.BodyPublishers.noBody())).statusCode()).isEqualTo(204);
        Await.until("Processed again", Duration.ofSeconds(60), () -> state(id, token).equals("Processed"));
        assertThat(send(HttpRequest.newBuilder(uri(api("/Videos/" + id + "?accessToken=" + token))).DELETE()).statusCode()).isEqualTo(204);
        assertThat(get(api("/Videos/" + id + "/Index?accessToken=" + token), false).statusCode()).isEqualTo(404);
    }

    @Test
    void uploadByMultipartBytes() throws Exception {
        String token = tokens.issue(account.accountId(), null, true);
        String id = uploadBytes(TestVideos.mp4(home().resolve("bytes.mp4"), 1), token);
        Await.until("Processed", Duration.ofSeconds(60), () -> state(id, token).equals("Processed"));
    }

    @Test
    void thePlayerWidgetPlaysAndTheInsightsWidgetRendersInChromium() throws Exception {
        String token = tokens.issue(account.accountId(), null, true);
        String id = uploadBytes(TestVideos.mp4(home().resolve("widget.mp4"), 4), token);
        Await.until("Processed", Duration.ofSeconds(60), () -> state(id, token).equals("Processed"));
        String videoToken = tokens.issue(account.accountId(), id, false);

        HttpResponse<String> player = get(api("/Videos/" + id + "/PlayerWidget?accessToken=" + videoToken), false);
        assertThat(player.statusCode()).isEqualTo(301);
        String playerPage = player.headers().firstValue("Location").orElseThrow();
        assertThat(embed(playerPage, "currentTime", 1.2)).as("the player's currentTime").isGreaterThan(1.2);

        HttpResponse<String> insights = get(api("/Videos/" + id + "/InsightsWidget?widgetType=Keywords&accessToken=" + videoToken), false);
        assertThat(insights.statusCode()).isEqualTo(301);
        assertThat(embed(insights.headers().firstValue("Location").orElseThrow(), "rendered.shots", 0)).as("shots drawn").isGreaterThanOrEqualTo(1);
    }

    /** Opens a page embedding the widget in Chromium; returns the first value of a posted field over the threshold. */
    private double embed(String widgetUrl, String field, double over) throws Exception {
        CompletableFuture<String> reported = new CompletableFuture<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/report", exchange -> {
            reported.complete(exchange.getRequestURI().getQuery().substring(2));
            exchange.getResponseHeaders().add("Access-Control-Allow-Origin", "*");
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        String path = field.equals("currentTime") ? "e.data.currentTime" : "(e.data.rendered && e.data.rendered.shots)";
        Path page = home().resolve("embed-" + System.nanoTime() + ".html");
        Files.writeString(page, "<!doctype html><html><body><iframe width=640 height=360 allow='autoplay' src='" + widgetUrl
                + "'></iframe><script>window.addEventListener('message', e => { const v = " + path + ";"
                + " if (typeof v === 'number' && v > " + over + ") fetch('http://127.0.0.1:" + receiver.getAddress().getPort()
                + "/report?v=' + v); });</script></body></html>");
        Process chromium = io.mediaroutes.Chromium.open(page.toUri().toString());
        try {
            return Double.parseDouble(reported.get(60, java.util.concurrent.TimeUnit.SECONDS));
        } finally {
            chromium.destroyForcibly();
            receiver.stop(0);
        }
    }

    private String uploadBytes(Path clip, String token) throws Exception {
        String boundary = "----mediaroutes" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + clip.getFileName()
                + "\"\r\nContent-Type: video/mp4\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(Files.readAllBytes(clip));
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> upload = send(HttpRequest.newBuilder(uri(api("/Videos?accessToken=" + token + "&name=" + clip.getFileName())))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary).POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
        assertThat(upload.statusCode()).as(upload.body()).isEqualTo(200);
        return JSON.readTree(upload.body()).get("id").asText();
    }

    @Test
    void everyTokenRule() throws Exception {
        assertThat(get(auth("/AccessToken?allowEdit=false"), false).statusCode()).as("no key").isEqualTo(401);
        HttpResponse<String> wrongKey = send(HttpRequest.newBuilder(uri(auth("/AccessToken"))).header("Ocp-Apim-Subscription-Key", "wrong"));
        assertThat(wrongKey.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(wrongKey.body()).has("ErrorType")).isTrue();

        String reader = JSON.readTree(get(auth("/AccessToken?allowEdit=false"), true).body()).asText();
        assertThat(post(api("/Videos?name=x&videoUrl=http://127.0.0.1:1/x.mp4&accessToken=" + reader)).statusCode()).as("Reader writes").isEqualTo(403);
        String contributor = tokens.issue(account.accountId(), null, true);
        assertThat(post(api("/Videos?name=" + "n".repeat(81) + "&videoUrl=http://127.0.0.1:1/x.mp4&accessToken=" + contributor)).statusCode())
                .as("name over 80").isEqualTo(400);
        String videoToken = tokens.issue(account.accountId(), "5f3c1c2e-0000-4000-8000-000000000001", false);
        assertThat(get(api("/Videos/5f3c1c2e-0000-4000-8000-000000000002/Index?accessToken=" + videoToken), false).statusCode())
                .as("another video").isEqualTo(403);
        assertThat(get(api("/Videos/Search?accessToken=" + reader.substring(0, reader.length() - 2) + "xx"), false).statusCode()).as("tampered").isEqualTo(401);
        String expired = tokens.issue(account.accountId(), null, true, Instant.now().minusSeconds(1));
        assertThat(get(api("/Videos/Search?accessToken=" + expired), false).statusCode()).as("expired").isEqualTo(401);
        assertThat(get(api("/Videos/Search?accessToken=" + reader), false).statusCode()).isEqualTo(200);
    }

    @Test
    void overTheLimitGets429WithRetryAfter() throws Exception {
        String reader = tokens.issue(account.accountId(), null, false);
        List<CompletableFuture<HttpResponse<String>>> burst = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            burst.add(HTTP.sendAsync(HttpRequest.newBuilder(uri(api("/Videos/Search?accessToken=" + reader))).build(), HttpResponse.BodyHandlers.ofString()));
        }
        List<HttpResponse<String>> limited = burst.stream().map(CompletableFuture::join).filter(r -> r.statusCode() == 429).toList();
        assertThat(limited).isNotEmpty();
        assertThat(limited.get(0).headers().firstValue("Retry-After")).contains("1");
        Thread.sleep(1100); // the next tests start with a fresh second
    }

    @Test
    void theLimitWindowsCountASecondAndAMinute() {
        RateLimit limit = new RateLimit(rateLimit(10, 120), null, null);
        long now = 1_000_000;
        for (int i = 0; i < 10; i++) {
            assertThat(limit.admit("a", now)).isZero();
        }
        assertThat(limit.admit("a", now)).as("11th in a second").isEqualTo(1);
        assertThat(limit.admit("b", now)).as("another account's first").isZero();
        for (int s = 1; s < 12; s++) {
            for (int i = 0; i < 10; i++) {
                limit.admit("a", now + s * 1000L);
            }
        }
        assertThat(limit.admit("a", now + 12_000)).as("121st in a minute").isGreaterThan(40);
    }

    private static ServiceProperties rateLimit(int perSecond, int perMinute) {
        return new ServiceProperties(true, "", "trial", "", "", Path.of("data"), "",
                Duration.ofHours(1), Duration.ofHours(1), Duration.ofHours(1), DataSize.ofKilobytes(64), DataSize.ofGigabytes(1),
                null, null, new ServiceProperties.RateLimit(perSecond, perMinute), null, null);
    }

    private String state(String id, String token) {
        try {
            return JSON.readTree(get(api("/Videos/" + id + "/Index?accessToken=" + token), false).body()).path("state").asText();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String auth(String rest) {
        return "/auth/" + account.location() + "/Accounts/" + account.accountId() + rest;
    }

    private String api(String rest) {
        return "/" + account.location() + "/Accounts/" + account.accountId() + rest;
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private HttpResponse<String> get(String path, boolean withKey) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path));
        if (withKey) {
            request.header("Ocp-Apim-Subscription-Key", Files.readString(home().resolve("data/indexer-subscription-key")).strip());
        }
        return send(request);
    }

    private HttpResponse<String> post(String path) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.noBody()));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
