package io.mediaroutes.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mediaroutes.AppTest;
import io.mediaroutes.Await;
import io.mediaroutes.RawHttp;
import io.mediaroutes.TestVideos;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/**
 * The Connector API driven with the Connector reference's own requests (and what curl sends for them), its answers held
 * to the reference's sample answers: headers, and every key path (src/test/resources/conformance/connector).
 */
class ConnectorConformanceTest extends AppTest {

    @Test
    void theReferencesRequestsGetTheReferencesAnswers() throws Exception {
        // the reference: POST .../api/Videos/ with Content-Type: application/json and {"OriginalFileName":"yourfilename.mp4"}
        RawHttp.Answer created = send("POST /api/Videos/ HTTP/1.1\r\nContent-Type: application/json",
                "{\"OriginalFileName\":\"yourfilename.mp4\"}");
        assertThat(created.status()).isEqualTo(200);
        assertUtf8Json(created);
        assertThat(created.header("Cache-Control")).isEqualTo("no-cache");
        JsonNode video = JSON.readTree(created.text());
        KeyPaths.assertConforms(video, "connector", "create-video.json");

        // curl -T clip.mp4 -H 'x-ms-blob-type: BlockBlob' "$UploadUri", then curl -X POST .../MarkComplete: no body, no length
        String uploadUri = video.path("UploadUri").asText();
        byte[] clip = Files.readAllBytes(TestVideos.mp4(home().resolve("clip.mp4"), 1));
        assertThat(RawHttp.send(port, "PUT " + uploadUri.substring(uploadUri.indexOf("/blob/")) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "User-Agent: curl/7.88.1\r\nAccept: */*\r\nx-ms-blob-type: BlockBlob\r\nContent-Length: " + clip.length, clip).status())
                .isEqualTo(201);
        String id = video.path("Id").asText();
        RawHttp.Answer marked = send("POST /api/Videos/" + id + "/MarkComplete HTTP/1.1\r\nUser-Agent: curl/7.88.1\r\nAccept: */*", null);
        assertThat(marked.status()).as(marked.text()).isEqualTo(200);

        // the real service's routing ignores case
        Await.until("Completed", Duration.ofSeconds(90), () -> status(id).path("StatusCode").asInt() == 2);
        RawHttp.Answer status = send("GET /api/videos/" + id + "/status HTTP/1.1\r\nContent-Type: application/json", null);
        assertUtf8Json(status);
        KeyPaths.assertConforms(JSON.readTree(status.text()), "connector", "status-completed.json");
        KeyPaths.assertConforms(JSON.readTree(send("GET /API/Videos/" + id + " HTTP/1.1", null).text()), "connector", "video.json");

        RawHttp.Answer invalid = send("POST /api/Videos HTTP/1.1\r\nContent-Type: application/json",
                "{\"OriginalFileName\":\"a.mp4\",\"ContentProtectionMode\":\"AES256\"}");
        assertThat(invalid.status()).isEqualTo(400);
        KeyPaths.assertConforms(JSON.readTree(invalid.text()), "connector", "invalid-request.json");
        assertThat(send("POST /api/Videos/0c0c0c0c-0000-0000-0000-000000000000/MarkComplete HTTP/1.1", null).status()).isEqualTo(404);
    }

    @Test
    void answersAreJsonOnly() throws Exception {
        RawHttp.Answer xml = send("GET /api/Formats HTTP/1.1\r\nAccept: application/xml", null);
        assertThat(xml.status()).isEqualTo(406);
        assertThat(xml.header("Content-Type")).startsWith("application/json");
        RawHttp.Answer posted = send("POST /api/Videos HTTP/1.1\r\nAccept: application/xml\r\nContent-Type: application/json",
                "{\"OriginalFileName\":\"a.mp4\"}");
        assertThat(posted.status()).as("a POST is not 406").isEqualTo(200);
        assertUtf8Json(posted);
        assertThat(posted.text()).startsWith("{");
        assertThat(send("GET /api/Formats HTTP/1.1\r\nAccept: text/html, application/json;q=0.9", null).status()).isEqualTo(200);
    }

    /** The reference's {@code application/json; charset=utf-8}; Tomcat writes it without the optional space. */
    private static void assertUtf8Json(RawHttp.Answer answer) {
        MediaType type = MediaType.parseMediaType(answer.header("Content-Type"));
        assertThat(type.isCompatibleWith(MediaType.APPLICATION_JSON)).isTrue();
        assertThat(type.getCharset()).isEqualTo(StandardCharsets.UTF_8);
    }

    private JsonNode status(String id) {
        try {
            return JSON.readTree(send("GET /api/Videos/" + id + "/Status HTTP/1.1", null).text());
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    private RawHttp.Answer send(String head, String body) throws IOException {
        String[] lines = head.split("\r\n", 2);
        String request = lines[0] + "\r\nHost: 127.0.0.1:" + port + (lines.length > 1 ? "\r\n" + lines[1] : "");
        if (body == null) {
            return RawHttp.send(port, request);
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return RawHttp.send(port, request + "\r\nContent-Length: " + bytes.length, bytes);
    }
}
