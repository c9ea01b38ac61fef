package io.mediaroutes.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mediaroutes.AppTest;
import io.mediaroutes.Chromium;
import io.mediaroutes.Await;
import io.mediaroutes.MissingTool;
import io.mediaroutes.RawHttp;
import io.mediaroutes.RealFaces;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Faces and objects through the embedded Video Indexer API: a video of real faces uploaded as a client does, its
 * index compared key path by key path with a real recorded one (faces, labels, observedPeople and their summaries),
 * each face's picture served by Get Video Thumbnail, and the people drawn by the insights widget (a screenshot in
 * target/screenshots/insights-faces.png).
 */
class VideoIndexerFacesTest extends AppTest {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("mediaroutes.insights.faces.enabled", () -> "true");
        registry.add("mediaroutes.insights.objects.enabled", () -> "true");
        registry.add("mediaroutes.service.rate-limit.per-second", () -> "100"); // the test polls the index
        registry.add("mediaroutes.service.rate-limit.per-minute", () -> "5000");
    }

    @Test
    void facesAndObjectsHaveTheRealShapeAndEachFacePictureIsServed(@TempDir Path scratch) throws Exception {
        if (!Files.exists(RealFaces.GRID)) {
            MissingTool.skipOrFail("the vision worker is not installed at target/vision (mvn package installs it)");
        }
        byte[] video = Files.readAllBytes(RealFaces.video(scratch, RealFaces.THREE_PEOPLE, 3));
        String token = JSON.readTree(RawHttp.send(port, "GET /auth/trial/Accounts/" + indexerAccountId() + "/AccessToken?allowEdit=true HTTP/1.1\r\n"
                + "Host: 127.0.0.1\r\nOcp-Apim-Subscription-Key: " + indexerSubscriptionKey()).text()).asText();
        String boundary = "faces-boundary";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"faces.mp4\"\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        body.write(video);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        RawHttp.Answer uploaded = RawHttp.send(port, "POST /trial/Accounts/" + indexerAccountId() + "/Videos?name=faces&accessToken=" + token
                + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: multipart/form-data; boundary=" + boundary
                + "\r\nContent-Length: " + body.size(), body.toByteArray());
        assertThat(uploaded.status()).as(uploaded.text()).isEqualTo(200);
        String id = JSON.readTree(uploaded.text()).path("id").asText();

        Await.until("processed", Duration.ofSeconds(300), () -> indexerState(id, token).equals("Processed"));
        JsonNode index = indexerGet("/Videos/" + id + "/Index?accessToken=" + token);
        assertThat(index.at("/videos/0/insights/faces").size()).as(index.at("/videos/0/insights/faces").toString()).isEqualTo(3);
        assertThat(index.at("/summarizedInsights/faces/0/seenDuration").asDouble()).as("the man is seen in three shots of 3 s").isBetween(8.0, 10.0);
        KeyPaths.assertConforms(index, "videoindexer", "get-video-index.json");

        for (JsonNode face : index.at("/videos/0/insights/faces")) {
            RawHttp.Answer picture = RawHttp.send(port, "GET /trial/Accounts/" + indexerAccountId() + "/Videos/" + id + "/Thumbnails/"
                    + face.get("thumbnailId").asText() + "?format=Base64&accessToken=" + token + " HTTP/1.1\r\nHost: 127.0.0.1");
            assertThat(picture.status()).as(picture.text()).isEqualTo(200);
            assertThat(Base64.getDecoder().decode(JSON.readTree(picture.text()).asText())).startsWith(0xFF, 0xD8); // a JPEG
        }
        widgetShowsThePeople(id, token);
    }

    /** The insights widget, as Video Indexer's InsightsWidget redirects to it, in Chromium: a row per person with a picture. */
    private void widgetShowsThePeople(String id, String token) throws Exception {
        RawHttp.Answer redirect = RawHttp.send(port, "GET /trial/Accounts/" + indexerAccountId() + "/Videos/" + id + "/InsightsWidget?accessToken="
                + token + " HTTP/1.1\r\nHost: 127.0.0.1");
        assertThat(redirect.status()).isEqualTo(301);
        String widget = redirect.header("Location");
        String dom = Chromium.dom(widget);
        assertThat(dom).contains("Unknown #1", "Unknown #3").containsPattern("<img src=\"/trial/Accounts/[^\"]+/Thumbnails/[0-9a-f-]{36}")
                .contains("&quot;faces&quot;:3").contains("person");
        Chromium.screenshot(widget, Path.of("target/screenshots/insights-faces.png"));
    }
}
