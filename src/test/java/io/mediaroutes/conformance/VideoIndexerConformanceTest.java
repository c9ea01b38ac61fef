package io.mediaroutes.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.mediaroutes.AppTest;
import io.mediaroutes.Await;
import io.mediaroutes.RawHttp;
import io.mediaroutes.TestVideos;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The embedded Video Indexer API against real material: the Video Indexer API reference's C# client's requests, byte
 * for byte as .NET's HttpClient frames them, and answers compared key path by key path with real recorded ones
 * (src/test/resources/conformance).
 */
class VideoIndexerConformanceTest extends AppTest {

    static final String GUID = "5d0c32f4-1c5e-4b6f-9a7e-2a0a1d7c4b90"; // .NET's boundary is a GUID, sent quoted
    static final HttpServer FILES = files();
    static byte[] video;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("mediaroutes.service.fetch.allow", () -> "127.0.0.1:" + FILES.getAddress().getPort());
        registry.add("mediaroutes.service.rate-limit.per-second", () -> "100");
        registry.add("mediaroutes.service.rate-limit.per-minute", () -> "5000");
        registry.add("mediaroutes.insights.faces.enabled", () -> "true"); // every field of the index, as the real one
        registry.add("mediaroutes.insights.objects.enabled", () -> "true");
    }

    @BeforeAll
    static void makeVideo(@TempDir Path scratch) throws IOException {
        video = Files.readAllBytes(TestVideos.captionedSpeech(scratch.resolve("invoice.mp4"), "MEDIAROUTES INVOICE 2026",
                "please pay the invoice today, the invoice is due", 5));
    }

    @AfterAll
    static void stop() {
        FILES.stop(0);
    }

    @Test
    void theSampleClientsCSharpUploadsWorkAndEveryAnswerHasTheRealShape() throws Exception {
        String token = JSON.readTree(RawHttp.send(port, "GET /auth/trial/Accounts/" + indexerAccountId() + "/AccessToken?allowEdit=true HTTP/1.1\r\n"
                + "Host: 127.0.0.1\r\nOcp-Apim-Subscription-Key: " + indexerSubscriptionKey()).text()).asText();

        // by bytes: content.Add(new ByteArrayContent(buffer)), a part with no name
        byte[] body = concat(("--" + GUID + "\r\nContent-Disposition: form-data\r\n\r\n").getBytes(StandardCharsets.US_ASCII), video,
                ("\r\n--" + GUID + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        RawHttp.Answer byBytes = dotNetPost("/trial/Accounts/" + indexerAccountId() + "/Videos?accessToken=" + token
                + "&name=some_name&description=some_description&privacy=private&partition=some_partition&externalId=ext-42", body);
        assertThat(byBytes.status()).as(byBytes.text()).isEqualTo(200);
        JsonNode uploaded = JSON.readTree(byBytes.text());
        assertThat(uploaded.path("id").asText()).as("Video Indexer's id shape").matches("[0-9a-f]{10}");
        assertConforms(uploaded, "video.json");

        // by URL: an empty MultipartFormDataContent plus videoUrl
        String url = "http://127.0.0.1:" + FILES.getAddress().getPort() + "/invoice.mp4";
        RawHttp.Answer byUrl = dotNetPost("/trial/Accounts/" + indexerAccountId() + "/Videos?accessToken=" + token
                + "&name=by_url&privacy=private&videoUrl=" + URLEncoder.encode(url, StandardCharsets.UTF_8),
                ("--" + GUID + "\r\n\r\n--" + GUID + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        assertThat(byUrl.status()).as(byUrl.text()).isEqualTo(200);

        String id = uploaded.path("id").asText();
        String urlId = JSON.readTree(byUrl.text()).path("id").asText();
        Await.until("both processed", Duration.ofSeconds(180), () -> indexerState(id, token).equals("Processed")
                && indexerState(urlId, token).equals("Processed"));
        JsonNode index = indexerGet("/Videos/" + id + "/Index?accessToken=" + token + "&language=English");
        assertConforms(index, "get-video-index.json");
        assertThat(index.at("/videos/0/insights/ocr/0/text").asText()).isEqualTo("MEDIAROUTES INVOICE 2026");
        assertThat(index.at("/summarizedInsights/keywords").findValuesAsText("name")).contains("invoice");

        JsonNode listed = indexerGet("/Videos?accessToken=" + token + "&pageSize=1&skip=0");
        assertThat(listed.at("/nextPage/done").asBoolean()).as("two videos, pages of one").isFalse();
        assertConforms(listed.at("/results/0"), "video.json");
        assertThat(indexerGet("/Videos?accessToken=" + token + "&pageSize=1&skip=1").at("/nextPage/done").asBoolean()).isTrue();

        JsonNode found = indexerGet("/Videos/Search?accessToken=" + token + "&query=invoice");
        assertThat(found.at("/results/0/searchMatches").findValuesAsText("type")).contains("Ocr", "Keyword");
        JsonNode match = found.at("/results/0/searchMatches/0");
        assertThat(List.of(match.path("startTime").asText(), match.path("exactText").asText().toLowerCase())).doesNotContain("")
                .contains("invoice");
        assertConforms(found.at("/results/0"), "video.json");

        assertThat(RawHttp.send(port, "GET /trial/Accounts/" + indexerAccountId() + "/Videos/GetIdByExternalId?externalId=ext-42&accessToken="
                + token + " HTTP/1.1\r\nHost: 127.0.0.1").text()).isEqualTo("\"" + id + "\"");
        String thumbnailId = index.at("/videos/0/thumbnailId").asText();
        String base64 = JSON.readTree(RawHttp.send(port, "GET /trial/Accounts/" + indexerAccountId() + "/Videos/" + id + "/Thumbnails/"
                + thumbnailId + "?format=Base64&accessToken=" + token + " HTTP/1.1\r\nHost: 127.0.0.1").text()).asText();
        assertThat(Base64.getDecoder().decode(base64)).startsWith(0xFF, 0xD8); // a JPEG
    }

    @Test
    void errorsHaveTheRealShapesAndTypes() throws Exception {
        String reader = JSON.readTree(RawHttp.send(port, "GET /auth/trial/Accounts/" + indexerAccountId() + "/AccessToken HTTP/1.1\r\n"
                + "Host: 127.0.0.1\r\nOcp-Apim-Subscription-Key: " + indexerSubscriptionKey()).text()).asText();
        RawHttp.Answer missing = RawHttp.send(port, "GET /trial/Accounts/" + indexerAccountId() + "/Videos/0123456789/Index?accessToken="
                + reader + " HTTP/1.1\r\nHost: 127.0.0.1");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(JSON.readTree(missing.text()).path("ErrorType").asText()).isEqualTo("VIDEO_NOT_FOUND");
        RawHttp.Answer readerWrites = dotNetPost("/trial/Accounts/" + indexerAccountId() + "/Videos?name=x&videoUrl=https%3A%2F%2Fexample.org%2Fa.mp4"
                + "&accessToken=" + reader, new byte[0]);
        assertThat(readerWrites.status()).isEqualTo(403);
        assertThat(JSON.readTree(readerWrites.text()).path("ErrorType").asText()).isEqualTo("USER_NOT_ALLOWED");
        assertThat(JSON.readTree(RawHttp.send(port, "GET /trial/Accounts/" + indexerAccountId() + "/Videos HTTP/1.1\r\nHost: 127.0.0.1").text())
                .path("ErrorType").asText()).isEqualTo("USER_NOT_ALLOWED");
    }

    private static void assertConforms(JsonNode ours, String recording) throws IOException {
        KeyPaths.assertConforms(ours, "videoindexer", recording);
    }

    /** As .NET's HttpClient frames a MultipartFormDataContent: quoted GUID boundary, Content-Length, Expect: 100-continue. */
    private RawHttp.Answer dotNetPost(String pathAndQuery, byte[] body) throws IOException {
        return RawHttp.send(port, "POST " + pathAndQuery + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nOcp-Apim-Subscription-Key: "
                + indexerSubscriptionKey() + "\r\nContent-Type: multipart/form-data; boundary=\"" + GUID + "\"\r\nContent-Length: " + body.length,
                body);
    }

    private static byte[] concat(byte[]... parts) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.write(p);
        }
        return out.toByteArray();
    }

    private static HttpServer files() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/invoice.mp4", exchange -> {
                exchange.sendResponseHeaders(200, video.length);
                exchange.getResponseBody().write(video);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
