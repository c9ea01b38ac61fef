package io.mediaroutes.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.mediaroutes.AppTest;
import io.mediaroutes.Chromium;
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
        video = Files.readAllBytes(TestVideos.captionedSpeech(scratch.resolve("invoice.mp4"), "ROLEX INVOICE 2026",
                "please pay the invoice in florida today, the invoice is due", 6));
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
                + "&name=some_name&description=some_description&privacy=private&partition=some_partition&externalId=ext-42&language=auto", body);
        assertThat(byBytes.status()).as(byBytes.text()).isEqualTo(200);
        JsonNode uploaded = JSON.readTree(byBytes.text());
        assertThat(uploaded.path("id").asText()).as("Video Indexer's id shape").matches("[0-9a-f]{10}");
        assertConforms(uploaded, "video.json");

        // by URL: an empty MultipartFormDataContent plus videoUrl
        String url = "http://127.0.0.1:" + FILES.getAddress().getPort() + "/invoice.mp4";
        RawHttp.Answer byUrl = dotNetPost("/trial/Accounts/" + indexerAccountId() + "/Videos?accessToken=" + token
                + "&name=by_url&privacy=private&language=fr-FR&videoUrl=" + URLEncoder.encode(url, StandardCharsets.UTF_8),
                ("--" + GUID + "\r\n\r\n--" + GUID + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        assertThat(byUrl.status()).as(byUrl.text()).isEqualTo(200);

        String id = uploaded.path("id").asText();
        String urlId = JSON.readTree(byUrl.text()).path("id").asText();
        Await.until("both processed", Duration.ofSeconds(180), () -> indexerState(id, token).equals("Processed")
                && indexerState(urlId, token).equals("Processed"));
        // searchable a moment after: its end's listeners index it
        Await.until("both searchable", Duration.ofSeconds(30), () -> found("/Videos/Search?accessToken=" + token + "&query=invoice") == 2);
        JsonNode index = indexerGet("/Videos/" + id + "/Index?accessToken=" + token + "&language=English");
        assertConforms(index, "get-video-index.json");
        JsonNode insights = index.at("/videos/0/insights");
        assertThat(insights.at("/ocr/0/text").asText()).isEqualTo("ROLEX INVOICE 2026");
        assertThat(index.at("/summarizedInsights/keywords").findValuesAsText("name")).contains("invoice");
        // what is said and read: language (detected: the upload said auto), a brand read, a place heard, sentiments, topics
        assertThat(index.at("/videos/0/sourceLanguage").asText()).isEqualTo("en-US");
        assertThat(index.at("/videos/0/detectSourceLanguage").asBoolean()).isTrue();
        assertThat(insights.path("sourceLanguageConfidence").asDouble()).isBetween(0.5, 1.0);
        assertThat(insights.path("brands").findValuesAsText("name")).contains("Rolex");
        assertThat(insights.at("/brands/0/instances/0/instanceSource").asText()).isEqualTo("Ocr");
        assertThat(insights.path("namedLocations").findValuesAsText("name")).as(insights.path("transcript").toString()).contains("Florida");
        assertThat(insights.path("sentiments").findValuesAsText("sentimentType")).isNotEmpty();
        assertThat(index.at("/summarizedInsights/brands").findValuesAsText("name")).contains("Rolex");
        assertThat(insights.path("topics").isArray()).isTrue();

        // Prompt Content: asked for (202), then answered in the shape of Microsoft's published example, its scene's words within
        String prompt = "/trial/Accounts/" + indexerAccountId() + "/Videos/" + id + "/PromptContent?accessToken=" + token;
        assertThat(RawHttp.send(port, "GET " + prompt + " HTTP/1.1\r\nHost: 127.0.0.1").status()).as("not asked for yet").isEqualTo(404);
        assertThat(RawHttp.send(port, "POST " + prompt + "&promptStyle=Poem HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0").status())
                .isEqualTo(400);
        assertThat(RawHttp.send(port, "POST " + prompt + "&promptStyle=Full&modelName=Llama2 HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0")
                .status()).isEqualTo(202);
        JsonNode promptContent = indexerGet("/Videos/" + id + "/PromptContent?accessToken=" + token);
        assertConforms(promptContent, "prompt-content.json");
        assertThat(promptContent.path("partition").asText()).isEqualTo("some_partition");
        assertThat(promptContent.at("/sections/0/content").asText()).startsWith("[Video title] some_name\n")
                .contains("[OCR] ROLEX INVOICE 2026", "[Transcript] ").containsIgnoringCase("florida");

        // the insights widget (where InsightsWidget redirects) shows them, in Chromium
        String widget = RawHttp.send(port, "GET /trial/Accounts/" + indexerAccountId() + "/Videos/" + id + "/InsightsWidget?accessToken="
                + token + " HTTP/1.1\r\nHost: 127.0.0.1").header("Location");
        assertThat(Chromium.dom(widget)).contains("Rolex (brand)", "Florida (place)", "Positive");
        Chromium.screenshot(widget, Path.of("target/screenshots/insights-language.png"));

        // an upload in a language the transcriber has no model for: that language, and the transcript says why it is empty
        JsonNode french = indexerGet("/Videos/" + urlId + "/Index?accessToken=" + token);
        assertThat(french.at("/videos/0/sourceLanguage").asText()).isEqualTo("fr-FR");
        assertThat(french.at("/videos/0/insights/sourceLanguage").asText()).isEqualTo("fr-FR");
        assertThat(french.at("/videos/0/insights/transcript/status").asText()).isEqualTo("unsupported language");

        JsonNode listed = indexerGet("/Videos?accessToken=" + token + "&pageSize=1&skip=0");
        assertThat(listed.at("/nextPage/done").asBoolean()).as("two videos, pages of one").isFalse();
        assertConforms(listed.at("/results/0"), "video.json");
        assertThat(indexerGet("/Videos?accessToken=" + token + "&pageSize=1&skip=1").at("/nextPage/done").asBoolean()).isTrue();

        assertThat(indexerGet("/Videos/Search?accessToken=" + token + "&query=florida").path("results").findValuesAsText("type"))
                .contains("NamedLocation", "Transcript");
        assertThat(indexerGet("/Videos/Search?accessToken=" + token + "&query=rolex").path("results").findValuesAsText("type"))
                .contains("Brand", "Ocr");
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
        String writer = JSON.readTree(RawHttp.send(port, "GET /auth/trial/Accounts/" + indexerAccountId() + "/AccessToken?allowEdit=true HTTP/1.1\r\n"
                + "Host: 127.0.0.1\r\nOcp-Apim-Subscription-Key: " + indexerSubscriptionKey()).text()).asText();
        RawHttp.Answer badLanguage = dotNetPost("/trial/Accounts/" + indexerAccountId() + "/Videos?name=x&videoUrl=https%3A%2F%2Fexample.org%2Fa.mp4"
                + "&language=%3Cscript%3Ealert(1)%3C%2Fscript%3E&accessToken=" + writer, new byte[0]);
        assertThat(badLanguage.status()).isEqualTo(400);
        assertThat(badLanguage.text()).contains("language must be a language code").doesNotContain("<script>");
        for (String bad : List.of("query=" + "y".repeat(600), "query=a&pageSize=1000000", "query=a&textScope=Everything", "query=a&mode=magic")) {
            RawHttp.Answer refused = RawHttp.send(port, "GET /trial/Accounts/" + indexerAccountId() + "/Videos/Search?" + bad + "&accessToken="
                    + reader + " HTTP/1.1\r\nHost: 127.0.0.1");
            assertThat(refused.status()).as(bad).isEqualTo(400);
            assertThat(JSON.readTree(refused.text()).path("ErrorType").asText()).isEqualTo("INVALID_INPUT");
        }
    }

    /** How many videos a search finds (-1 while the API does not answer), for waiting on. */
    private int found(String search) {
        try {
            return indexerGet(search).path("results").size();
        } catch (IOException e) {
            return -1;
        }
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
