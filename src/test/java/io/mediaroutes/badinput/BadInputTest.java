package io.mediaroutes.badinput;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mediaroutes.AppTest;
import io.mediaroutes.Await;
import io.mediaroutes.TestVideos;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The bad-input catalogue: every awkward drop ends delivered or in the error folder with a reason a person can
 * act on (never stuck, never lost), and the API answers awkward calls with a clear status.
 */
class BadInputTest extends AppTest {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("mediaroutes.service.max-upload-size", () -> "1MB");
    }

    @Test
    void awkwardDropsEndDeliveredOrInTheErrorFolderWithAReason() throws Exception {
        Path drop = home().resolve("drop");
        Path clip = TestVideos.mp4(home().resolve("clip.mp4"), 2);
        byte[] bytes = Files.readAllBytes(clip);
        Files.writeString(home().resolve("notes.tmp"), "not a video at all");
        Files.move(home().resolve("notes.tmp"), drop.resolve("notes.mp4"));
        Files.write(home().resolve("truncated.tmp"), Arrays.copyOf(bytes, bytes.length / 2));
        Files.move(home().resolve("truncated.tmp"), drop.resolve("truncated.mp4"));
        // each copy with bytes of its own, else all but one would be delivered as duplicates, whatever their names
        TestVideos.distinctCopy(clip, drop.resolve("clip.xyz"), "copy-1");
        TestVideos.distinctCopy(clip, drop.resolve("control\u0001\u001fchars.mp4"), "copy-2");
        TestVideos.distinctCopy(clip, drop.resolve("dots..in..name.mp4"), "copy-3");
        TestVideos.oneFrame(drop.resolve("still.mp4"));
        TestVideos.distinctCopy(clip, drop.resolve("back\\slash.mp4"), "copy-4");

        Map<String, String> expected = Map.of(
                "notes.mp4", "error", "truncated.mp4", "error", "clip.xyz", "error",
                "control\u0001\u001fchars.mp4", "delivered", "dots..in..name.mp4", "delivered", "still.mp4", "delivered", "back\\slash.mp4", "error");
        Await.until("every drop delivered or rejected", Duration.ofSeconds(120), () -> {
            try (var left = Files.list(drop)) {
                return left.noneMatch(Files::isRegularFile);
            } catch (IOException e) {
                return false;
            }
        });
        expected.forEach((name, outcome) -> assertThat(Files.exists(drop.resolve(".error").resolve(name)))
                .as(name + " " + outcome).isEqualTo(outcome.equals("error")));

        assertThat(reason("notes.mp4")).contains("Not a video");
        assertThat(reason("truncated.mp4")).as("a truncated file: ffprobe's words").containsIgnoringCase("invalid data");
        assertThat(reason("clip.xyz")).contains("CORRECT extension");
        assertThat(reason("back\\slash.mp4")).contains("backslash");
        JsonNode still = JSON.readTree(home().resolve("out/still.mp4.insights.json").toFile());
        assertThat(still.get("durationInSeconds").asInt()).as("a one-frame video").isZero();
        assertThat(home().resolve("out/control__chars.mp4.insights.json")).as("control characters written as _").exists();
    }

    @Test
    void theApiAnswersAwkwardCallsWithAClearStatus() throws Exception {
        HttpResponse<String> notJson = send("POST", "/api/Videos", "text/plain", "OriginalFileName=clip.mp4");
        assertThat(notJson.statusCode()).isEqualTo(415);
        assertThat(JSON.readTree(notJson.body()).get("message").asText()).contains("application/json");

        String huge = "{\"OriginalFileName\":\"clip.mp4\",\"pad\":\"" + "x".repeat(100_000) + "\"}";
        assertThat(send("POST", "/api/Videos", "application/json", huge).statusCode()).isEqualTo(413);
        assertThat(send("POST", "/api/Videos", "application/json", "{\"OriginalFileName\":").statusCode()).as("bad JSON").isEqualTo(400);

        JsonNode video = JSON.readTree(send("POST", "/api/Videos?unknown=ignored", "application/json", "{\"OriginalFileName\":\"../../etc/passwd.mp4\"}").body());
        String uploadUri = video.get("UploadUri").asText();
        assertThat(fileName(uploadUri)).as("the service renames: no path survives").doesNotContain("/").doesNotContain("..");

        HttpResponse<String> tooBig = HTTP.send(HttpRequest.newBuilder(URI.create(uploadUri)).header("x-ms-blob-type", "BlockBlob")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(new byte[2 * 1024 * 1024])).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(tooBig.statusCode()).isEqualTo(413);
        assertThat(tooBig.headers().firstValue("x-ms-error-code")).hasValue("RequestBodyTooLarge");

        String traversal = uploadUri.replace("/" + fileName(uploadUri), "/..%2F" + fileName(uploadUri));
        HttpResponse<String> escaped = HTTP.send(HttpRequest.newBuilder(URI.create(traversal)).header("x-ms-blob-type", "BlockBlob")
                .PUT(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(escaped.statusCode()).as("a path the signature does not cover").isIn(400, 403, 404);

        HttpResponse<String> status = send("GET", "/api/Videos/" + video.get("Id").asText() + "/Status?foo=bar", null, null);
        assertThat(status.statusCode()).as("unknown query parameters are ignored").isEqualTo(200);
    }

    /** The blob name in an UploadUri: http://host/blob/asset-<id>/<name>?sig... */
    private static String fileName(String uploadUri) {
        String path = URI.create(uploadUri).getPath();
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private String reason(String name) throws Exception {
        return JSON.readTree(home().resolve("drop/.error/" + name + ".error.json").toFile()).get("reason").asText();
    }

    private HttpResponse<String> send(String method, String path, String contentType, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
