package io.mediaroutes.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mediaroutes.AppTest;
import io.mediaroutes.Await;
import io.mediaroutes.TestVideos;
import io.mediaroutes.media.Aes256Ctr;
import io.mediaroutes.media.Ffmpeg;
import io.mediaroutes.media.MediaProbe;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Thumbnails, HLS/DASH/progressive playback, AES-128 key delivery and AES-256 input, with real ffmpeg. */
class PlaybackApiTest extends AppTest {

    static String processedId;

    @Autowired
    KeyTokens tokens;

    @Test
    void thumbnailsAreAPosterAndKeyframesThatDecode() throws Exception {
        JsonNode thumbnails = JSON.readTree(get("/api/Videos/" + processed() + "/Thumbnails").body());

        assertThat(thumbnails.size()).isGreaterThanOrEqualTo(6);
        assertThat(fieldNames(thumbnails.get(0))).containsExactly("Kind", "Height", "Index", "Time", "Url");
        assertThat(thumbnails.get(0).get("Kind").asText()).isEqualTo("Poster");
        assertThat(thumbnails.get(1).get("Kind").asText()).isEqualTo("Keyframe");
        for (JsonNode t : thumbnails) {
            HttpResponse<byte[]> image = HTTP.send(HttpRequest.newBuilder(URI.create(t.get("Url").asText())).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(image.headers().firstValue("Content-Type")).contains("image/jpeg");
            assertThat(ImageIO.read(new ByteArrayInputStream(image.body())).getHeight()).isEqualTo(t.get("Height").asInt());
        }
    }

    @Test
    void hlsDashAndStreamingPlayInFfprobeWithALadderThatNeverUpscales() throws Exception {
        String id = processed();
        for (String type : List.of("HLS", "DASH", "Streaming")) {
            JsonNode endpoint = JSON.readTree(get("/api/Videos/" + id + "/PlaybackEndpoint?endpointType=" + type).body());
            assertThat(fieldNames(endpoint)).containsExactly("Type", "PlaybackUrl");
            assertThat(endpoint.get("Type").asText()).isEqualTo(type);
            MediaProbe.Info info = MediaProbe.probe(endpoint.get("PlaybackUrl").asText());
            assertThat(info.wholeSeconds()).as(type).isEqualTo(9);
            assertThat(info.videoCodec()).isEqualTo("h264");
            assertThat(info.audioCodec()).isEqualTo("aac");
        }
        String master = get("/media/" + id + "/hls/master.m3u8").body();
        assertThat(master).contains("RESOLUTION=640x360").contains("RESOLUTION=1280x720").doesNotContain("x1080");
        assertThat(get("/media/" + id + "/hls/720p/index.m3u8").body()).contains("#EXT-X-TARGETDURATION:4");
    }

    @Test
    void hlsJsAndDashJsPlayTheUrlsInChromium() throws Exception {
        String id = processed();
        for (String type : List.of("HLS", "DASH")) {
            String url = JSON.readTree(get("/api/Videos/" + id + "/PlaybackEndpoint?endpointType=" + type).body()).get("PlaybackUrl").asText();
            assertThat(playedSeconds(type, url)).as(type + " in Chromium").isGreaterThan(1.0);
        }
    }

    /** A page with hls.js or dash.js plays the URL and reports video.currentTime to a receiver once past 1 s. */
    private double playedSeconds(String type, String url) throws Exception {
        Path players = Path.of("target/players/node_modules").toAbsolutePath();
        java.util.concurrent.CompletableFuture<String> report = new java.util.concurrent.CompletableFuture<>();
        com.sun.net.httpserver.HttpServer receiver = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/played", exchange -> {
            report.complete(exchange.getRequestURI().getQuery());
            exchange.getResponseHeaders().add("Access-Control-Allow-Origin", "*");
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        String attach = type.equals("HLS")
                ? "const hls = new Hls(); hls.loadSource(url); hls.attachMedia(video);"
                : "dashjs.MediaPlayer().create().initialize(video, url, true);";
        String script = type.equals("HLS") ? players.resolve("hls.js/dist/hls.min.js").toUri().toString()
                : players.resolve("dashjs/dist/dash.all.min.js").toUri().toString();
        Path page = home().resolve(type + "-player.html");
        Files.writeString(page, "<!doctype html><html><body><video id=v muted autoplay></video><script src='" + script + "'></script>"
                + "<script>const url = '" + url + "'; const video = document.getElementById('v');" + attach
                + "const report = q => fetch('http://127.0.0.1:" + receiver.getAddress().getPort() + "/played?' + q);"
                + "video.addEventListener('timeupdate', () => { if (video.currentTime > 1.2) report('t=' + video.currentTime); });"
                + "video.addEventListener('error', () => report('error=' + (video.error && video.error.code)));"
                + "video.play().catch(e => report('error=' + encodeURIComponent(e)));</script></body></html>");
        Process chromium = io.mediaroutes.Chromium.open(page.toUri().toString());
        try {
            String query = report.get(60, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(query).as(type).startsWith("t=");
            return Double.parseDouble(query.substring(2));
        } finally {
            chromium.destroyForcibly();
            receiver.stop(0);
        }
    }

    @Test
    void playbackIs403WhileProcessing404ForUnknownVideosAnd400ForUnknownTypes() throws Exception {
        String waiting = create("{\"OriginalFileName\":\"waiting.mp4\"}").get("Id").asText();
        assertThat(get("/api/Videos/" + waiting + "/PlaybackEndpoint?endpointType=HLS").statusCode()).isEqualTo(403);
        assertThat(get("/api/Videos/" + waiting + "/Thumbnails").statusCode()).isEqualTo(403);
        assertThat(get("/api/Videos/" + UUID.randomUUID() + "/PlaybackEndpoint?endpointType=HLS").statusCode()).isEqualTo(404);
        HttpResponse<String> badType = get("/api/Videos/" + processed() + "/PlaybackEndpoint?endpointType=Smooth");
        assertThat(badType.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(badType.body()).get("message").asText()).contains("HLS, DASH or Streaming");
    }

    @Test
    void aes128SegmentsPlayOnlyWithAValidTokenForTheirKey() throws Exception {
        JsonNode video = uploadAndWait("{\"OriginalFileName\":\"protected.mp4\",\"ContentProtectionMode\":\"AES128\"}",
                TestVideos.mp4(home().resolve("protected.mp4"), 3), null);
        String id = video.get("Id").asText();
        String keyId = video.get("ContentProtectionKeyId").asText();
        String playlist = get("/media/" + id + "/hls/240p/index.m3u8").body();
        assertThat(playlist).contains("#EXT-X-KEY:METHOD=AES-128,URI=\"/keys/" + keyId + "\"");

        assertThat(get("/api/Videos/" + id + "/AuthorizationToken?KeyId=" + UUID.randomUUID()).statusCode()).isEqualTo(404);
        String token = JSON.readTree(get("/api/Videos/" + id + "/AuthorizationToken?KeyId=" + keyId).body()).get("value").asText();
        assertThat(token).startsWith("Bearer=urn%3amicrosoft%3aazure%3amediaservices%3acontentkeyidentifier=" + keyId + "&")
                .contains("&ExpiresOn=").contains("&HMACSHA256=");

        assertThat(key(keyId, null).statusCode()).isEqualTo(401);
        assertThat(key(keyId, token).body()).hasSize(16);
        assertThat(key(keyId, tokens.issue(UUID.randomUUID().toString(), "x")).statusCode()).as("another key's token").isEqualTo(403);
        assertThat(key(keyId, tokens.issue(keyId, "x", Instant.now().minusSeconds(1))).statusCode()).as("expired").isEqualTo(403);
        assertThat(key(keyId, token.replace("HMACSHA256=", "HMACSHA256=x")).statusCode()).as("tampered").isEqualTo(403);

        String url = "http://127.0.0.1:" + port + "/media/" + id + "/hls/master.m3u8";
        assertThat(decode(url, null).ok()).as("decoding without the token").isFalse();
        Ffmpeg.Result withToken = decode(url, token);
        assertThat(withToken.ok()).as(withToken.stderr()).isTrue();
        assertThat(get("/api/Videos/" + id + "/PlaybackEndpoint?endpointType=DASH").statusCode()).isEqualTo(400);
    }

    @Test
    void anAes256EncryptedUploadIsDecryptedProcessedAndPlayable() throws Exception {
        Path clear = TestVideos.mp4(home().resolve("clear.mp4"), 2);
        JsonNode video = uploadAndWait("{\"OriginalFileName\":\"encrypted.mp4\",\"InputStorageEncryptionMode\":\"AES256\"}", clear, "AES256");

        assertThat(video.get("Duration").asInt()).isEqualTo(2);
        String hls = JSON.readTree(get("/api/Videos/" + video.get("Id").asText() + "/PlaybackEndpoint?endpointType=HLS").body())
                .get("PlaybackUrl").asText();
        assertThat(MediaProbe.probe(hls).wholeSeconds()).isEqualTo(2);
    }

    @Test
    void aTruncatedVideoEndsFailedWithFfmpegsReason() throws Exception {
        Path whole = TestVideos.mp4(home().resolve("whole.mp4"), 2);
        byte[] bytes = Files.readAllBytes(whole);
        Path truncated = Files.write(home().resolve("truncated.mp4"), java.util.Arrays.copyOf(bytes, bytes.length / 2));
        JsonNode created = create("{\"OriginalFileName\":\"truncated.mp4\"}");
        String id = created.get("Id").asText();
        put(created.get("UploadUri").asText(), Files.readAllBytes(truncated));
        post("/api/Videos/" + id + "/MarkComplete");

        Await.until("Failed", Duration.ofSeconds(60), () -> statusCode(id) == 3);
        assertThat(JSON.readTree(get("/api/Videos/" + id + "/Status").body()).get("Message").asText())
                .isNotBlank().doesNotContain(home().toString()).doesNotContain("Exception");
    }

    /** One 9 s 1280x720 video, processed once for the tests that only read. */
    private synchronized String processed() throws Exception {
        if (processedId == null) {
            processedId = uploadAndWait("{\"OriginalFileName\":\"hd.mp4\"}",
                    TestVideos.mp4(home().resolve("hd.mp4"), 9, 1280, 720), null).get("Id").asText();
        }
        return processedId;
    }

    /** Create, upload (encrypting for AES256 as a client must), MarkComplete, wait for Completed. */
    private JsonNode uploadAndWait(String body, Path file, String encryption) throws Exception {
        JsonNode created = create(body);
        Path upload = file;
        if ("AES256".equals(encryption)) {
            upload = home().resolve("encrypted-" + file.getFileName());
            try (InputStream in = Aes256Ctr.wrap(Files.newInputStream(file), created.get("InputStorageEncryptionSymmetricKey").asText(),
                    created.get("InputStorageEncryptionIv").asText()); OutputStream out = Files.newOutputStream(upload)) {
                in.transferTo(out);
            }
            assertThat(Files.readAllBytes(upload)).isNotEqualTo(Files.readAllBytes(file));
        }
        put(created.get("UploadUri").asText(), Files.readAllBytes(upload));
        String id = created.get("Id").asText();
        post("/api/Videos/" + id + "/MarkComplete");
        Await.until("Completed", Duration.ofSeconds(90), () -> statusCode(id) >= 2);
        assertThat(statusCode(id)).as(get("/api/Videos/" + id + "/Status").body()).isEqualTo(2);
        JsonNode video = JSON.readTree(get("/api/Videos/" + id).body());
        ((com.fasterxml.jackson.databind.node.ObjectNode) video).set("ContentProtectionKeyId", created.get("ContentProtectionKeyId"));
        return video;
    }

    private Ffmpeg.Result decode(String url, String token) throws Exception {
        List<String> args = new ArrayList<>(List.of("-v", "error"));
        if (token != null) {
            args.addAll(List.of("-headers", "Authorization: " + token + "\r\n"));
        }
        args.addAll(List.of("-i", url, "-map", "0:v:0", "-f", "null", "-"));
        Ffmpeg.Result result = Ffmpeg.ffmpeg(args, Duration.ofMinutes(1));
        // ffmpeg may exit 0 on undecodable (wrongly decrypted) input; count its decode errors as failure
        boolean garbled = result.stderr().contains("Invalid data") || result.stderr().contains("HTTP error");
        return garbled ? new Ffmpeg.Result(1, result.stdout(), result.stderr()) : result;
    }

    private HttpResponse<byte[]> key(String keyId, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/keys/" + keyId));
        if (token != null) {
            request.header("Authorization", token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private int statusCode(String id) {
        try {
            return JSON.readTree(get("/api/Videos/" + id + "/Status").body()).get("StatusCode").asInt();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode create(String body) throws Exception {
        return JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/Videos"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }

    private static void put(String uploadUri, byte[] bytes) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(uploadUri)).header("x-ms-blob-type", "BlockBlob")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(201);
    }

    private void post(String path) throws Exception {
        HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
