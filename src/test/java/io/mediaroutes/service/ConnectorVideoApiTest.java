package io.mediaroutes.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mediaroutes.AppTest;
import io.mediaroutes.Await;
import io.mediaroutes.TestVideos;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every request, response and error of the Connector reference's Video resource, over real HTTP. */
class ConnectorVideoApiTest extends AppTest {

    @Test
    void createAnswersTheReferencesVideoEntityWithTheFileRenamed() throws Exception {
        HttpResponse<String> response = post("/api/Videos", "{\"OriginalFileName\":\"yourfilename.mp4\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(ct -> assertThat(ct).startsWith("application/json"));
        assertThat(response.headers().firstValue("Cache-Control")).contains("no-cache");
        JsonNode video = JSON.readTree(response.body());
        assertThat(fieldNames(video)).containsExactly("Id", "UploadUri", "ContentProtectionMode", "ContentProtectionKeyId",
                "Duration", "OriginalFileName", "InputStorageEncryptionMode", "InputStorageEncryptionSymmetricKey",
                "InputStorageEncryptionIv");
        assertThat(video.get("Id").asText()).matches("[0-9a-f-]{36}");
        assertThat(video.get("OriginalFileName").asText()).matches("[0-9a-f]{8}-[0-9a-f-]{27}\\.mp4");
        assertThat(video.get("UploadUri").asText()).contains("/blob/").contains("sig=").contains("se=");
        assertThat(video.get("ContentProtectionMode").asText()).isEqualTo("None");
        assertThat(video.get("ContentProtectionKeyId").isNull()).isTrue();
        assertThat(video.get("Duration").asInt()).isZero();
        assertThat(video.get("InputStorageEncryptionMode").isNull()).isTrue();
        assertThat(video.get("InputStorageEncryptionSymmetricKey").isNull()).isTrue();
        assertThat(video.get("InputStorageEncryptionIv").isNull()).isTrue();
    }

    @Test
    void createWithoutOriginalFileNameOrWithAWrongExtensionIsTheReferencesHtml400() throws Exception {
        for (String body : List.of("{}", "{\"OriginalFileName\":\"\"}", "{\"OriginalFileName\":\"noextension\"}",
                "{\"OriginalFileName\":\"notes.txt\"}", "not json", "")) {
            HttpResponse<String> response = post("/api/Videos", body);

            assertThat(response.statusCode()).as(body).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    ct -> assertThat(ct.toLowerCase()).isEqualTo("text/html;charset=windows-1252"));
            assertThat(response.body()).startsWith("<h1>Error</h1> <table> <tbody>")
                    .contains("<td>http://127.0.0.1:" + port + "/api/Videos</td>")
                    .contains("<td>BadRequest</td>")
                    .contains("<td>" + VideoController.BAD_VIDEO_MESSAGE + "</td>");
        }
    }

    @Test
    void anUnknownProtectionOrEncryptionModeIsTheReferencesJson400() throws Exception {
        for (String body : List.of("{\"OriginalFileName\":\"a.mp4\",\"ContentProtectionMode\":\"PlayReady\"}",
                "{\"OriginalFileName\":\"a.mp4\",\"InputStorageEncryptionMode\":\"AES128\"}")) {
            HttpResponse<String> response = post("/api/Videos", body);

            assertThat(response.statusCode()).as(body).isEqualTo(400);
            JsonNode error = JSON.readTree(response.body());
            assertThat(fieldNames(error)).containsExactly("status", "source", "message");
            assertThat(error.get("status").asInt()).isZero();
            assertThat(error.get("source").asText()).isEqualTo("http://127.0.0.1:" + port + "/api/Videos");
            assertThat(error.get("message").asText()).isEqualTo("The request is invalid.");
        }
    }

    @Test
    void protectionAndInputEncryptionModesAreAcceptedAndTheKeyIsShownOnlyOnPost() throws Exception {
        JsonNode created = JSON.readTree(post("/api/Videos", "{\"OriginalFileName\":\"secret.mov\","
                + "\"ContentProtectionMode\":\"AES128\",\"InputStorageEncryptionMode\":\"AES256\"}").body());

        assertThat(created.get("ContentProtectionMode").asText()).isEqualTo("AES128");
        assertThat(created.get("ContentProtectionKeyId").asText()).matches("[0-9a-f-]{36}");
        assertThat(created.get("InputStorageEncryptionMode").asText()).isEqualTo("AES256");
        assertThat(java.util.Base64.getDecoder().decode(created.get("InputStorageEncryptionSymmetricKey").asText())).hasSize(32);
        assertThat(java.util.Base64.getDecoder().decode(created.get("InputStorageEncryptionIv").asText())).hasSize(16);

        JsonNode read = JSON.readTree(get("/api/Videos/" + created.get("Id").asText()).body());
        assertThat(read.get("InputStorageEncryptionMode").asText()).isEqualTo("AES256");
        assertThat(read.get("InputStorageEncryptionSymmetricKey").isNull()).isTrue();
        assertThat(read.get("InputStorageEncryptionIv").isNull()).isTrue();
        assertThat(read.get("UploadUri").asText()).isEqualTo(created.get("UploadUri").asText());
    }

    @Test
    void unknownIdsAre404AndDeleteIs204ThenGone() throws Exception {
        String unknown = "/api/Videos/ee0dfd10-4a38-469f-asddsa98dc-2c8e34de0be8";
        assertThat(get(unknown).statusCode()).isEqualTo(404);
        assertThat(get(unknown + "/Status").statusCode()).isEqualTo(404);
        assertThat(post(unknown + "/MarkComplete", "").statusCode()).isEqualTo(404);
        assertThat(send(HttpRequest.newBuilder(uri(unknown)).DELETE()).statusCode()).isEqualTo(404);

        String id = JSON.readTree(post("/api/Videos", "{\"OriginalFileName\":\"gone.mp4\"}").body()).get("Id").asText();
        HttpResponse<String> deleted = send(HttpRequest.newBuilder(uri("/api/Videos/" + id)).DELETE());
        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(deleted.body()).isEmpty();
        assertThat(get("/api/Videos/" + id).statusCode()).isEqualTo(404);
    }

    @Test
    void markCompleteEmptiesUploadUriAndStatusGoesFromProcessingToCompletedWithTheDuration() throws Exception {
        JsonNode created = JSON.readTree(post("/api/Videos", "{\"OriginalFileName\":\"clip.mp4\"}").body());
        String id = created.get("Id").asText();
        assertThat(JSON.readTree(get("/api/Videos/" + id + "/Status").body()).get("StatusCode").asInt()).isZero();
        Path clip = TestVideos.mp4(home().resolve("api-clip.mp4"), 3);
        HttpResponse<String> put = send(HttpRequest.newBuilder(URI.create(created.get("UploadUri").asText()))
                .header("x-ms-blob-type", "BlockBlob").PUT(HttpRequest.BodyPublishers.ofFile(clip)));
        assertThat(put.statusCode()).isEqualTo(201);

        HttpResponse<String> marked = post("/api/Videos/" + id + "/MarkComplete", "");
        assertThat(marked.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(get("/api/Videos/" + id).body()).get("UploadUri").isNull()).isTrue();

        List<JsonNode> seen = new ArrayList<>();
        Await.until("Status Completed", Duration.ofSeconds(30), () -> {
            try {
                JsonNode status = JSON.readTree(get("/api/Videos/" + id + "/Status").body());
                seen.add(status);
                return status.get("StatusCode").asInt() == 2;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        JsonNode completed = seen.get(seen.size() - 1);
        assertThat(fieldNames(completed)).containsExactly("StatusCode", "Status", "Message");
        assertThat(completed.get("Status").asText()).isEqualTo("Completed");
        assertThat(completed.get("Message").asText()).isEqualTo("Video is ready.");
        seen.stream().filter(s -> s.get("StatusCode").asInt() == 1).forEach(s -> {
            assertThat(s.get("Status").asText()).isEqualTo("Processing");
            assertThat(s.get("Message").asText()).isEqualTo("Video is still being processed. Try again later.");
        });
        assertThat(JSON.readTree(get("/api/Videos/" + id).body()).get("Duration").asInt()).isEqualTo(3);
        JsonNode index = JSON.readTree(get("/api/Videos/" + id + "/Index").body());
        assertThat(index.get("state").asText()).isEqualTo("Processed");
        assertThat(index.get("name").asText()).isEqualTo("clip.mp4");
        assertThat(index.get("durationInSeconds").asInt()).isEqualTo(3);
        assertThat(index.at("/videos/0/insights/shots").isArray()).isTrue();
        assertThat(post("/api/Videos/" + id + "/MarkComplete", "").statusCode()).as("MarkComplete again").isEqualTo(200);
        HttpResponse<String> vtt = get("/api/Videos/" + id + "/Captions?format=Vtt");
        assertThat(vtt.statusCode()).isEqualTo(200);
        assertThat(vtt.headers().firstValue("Content-Type")).hasValueSatisfying(ct -> assertThat(ct).startsWith("text/vtt"));
        assertThat(vtt.body()).startsWith("WEBVTT");
        assertThat(get("/api/Videos/" + id + "/Captions?format=Doc").statusCode()).isEqualTo(400);
    }

    @Test
    void aNonVideoEndsFailedWithFfprobesReason() throws Exception {
        JsonNode created = JSON.readTree(post("/api/Videos", "{\"OriginalFileName\":\"fake.mp4\"}").body());
        String id = created.get("Id").asText();
        send(HttpRequest.newBuilder(URI.create(created.get("UploadUri").asText()))
                .header("x-ms-blob-type", "BlockBlob").PUT(HttpRequest.BodyPublishers.ofString("this is text, not a video")));
        post("/api/Videos/" + id + "/MarkComplete", "");

        Await.until("Status Failed", Duration.ofSeconds(30), () -> statusCode(id) == 3);
        JsonNode status = JSON.readTree(get("/api/Videos/" + id + "/Status").body());
        assertThat(status.get("Status").asText()).isEqualTo("Failed");
        assertThat(status.get("Message").asText()).startsWith("Not a video:").contains("Invalid data").doesNotContain(home().toString());
        assertThat(JSON.readTree(get("/api/Videos/" + id + "/Index").body()).get("state").asText()).isEqualTo("Failed");
    }

    @Test
    void markCompleteBeforeAnyUploadIsA400() throws Exception {
        String id = JSON.readTree(post("/api/Videos", "{\"OriginalFileName\":\"early.mp4\"}").body()).get("Id").asText();
        HttpResponse<String> response = post("/api/Videos/" + id + "/MarkComplete", "");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).get("message").asText()).contains("upload");
    }

    @Test
    void aCreateVideoAskedAgainWithTheSameClientRequestIdGetsTheSameVideo() throws Exception {
        String first = createWithRequestId("crash-1");
        assertThat(createWithRequestId("crash-1")).as("the client asks again after a crash").isEqualTo(first);
        assertThat(createWithRequestId("crash-2")).isNotEqualTo(first);
        assertThat(JSON.readTree(post("/api/Videos", "{\"OriginalFileName\":\"again.mp4\"}").body()).get("Id").asText())
                .as("no request id: a new video each time").isNotEqualTo(first);
    }

    private String createWithRequestId(String requestId) throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/Videos")).header("Content-Type", "application/json")
                .header("client-request-id", requestId).POST(HttpRequest.BodyPublishers.ofString("{\"OriginalFileName\":\"again.mp4\"}")));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).get("UploadUri").asText()).contains("/blob/");
        return JSON.readTree(response.body()).get("Id").asText();
    }

    @Test
    void formatsListsMp4() throws Exception {
        JsonNode formats = JSON.readTree(get("/api/Formats").body());
        assertThat(formats.findValuesAsText("Extension")).contains("mp4", "mov", "mkv", "webm");
        assertThat(fieldNames(formats.get(0))).containsExactlyInAnyOrder("Extension", "MimeType");
    }

    @Test
    void hawtioAndHealthAreServed() throws Exception {
        // UP once every consumer has polled once (Camel's readiness check)
        Await.until("health UP", Duration.ofSeconds(20), () -> {
            try {
                return get("/actuator/health").body().contains("UP");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(get("/actuator/hawtio/").statusCode()).isEqualTo(200);
    }

    private int statusCode(String id) {
        try {
            return JSON.readTree(get("/api/Videos/" + id + "/Status").body()).get("StatusCode").asInt();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
