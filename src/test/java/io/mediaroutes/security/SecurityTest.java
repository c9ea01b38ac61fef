package io.mediaroutes.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.mediaroutes.AppTest;
import io.mediaroutes.Await;
import io.mediaroutes.RawHttp;
import io.mediaroutes.TestVideos;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The embedded default probed as an attacker on this machine would: a web page in the operator's browser (foreign
 * Origin, foreign Host), a holder of a Contributor token (videoUrl, callbackUrl), a client with hostile framing
 * (chunked bodies, form content types, block lists). Each probe was seen to succeed before; each must be refused.
 */
class SecurityTest extends AppTest {

    /** A server the allow-list names: it redirects, sends too much, or stalls. */
    static final HttpServer HOSTILE = server();
    /** A server nobody allowed: it must never be called. */
    static final HttpServer INTERNAL = server();
    static final AtomicInteger INTERNAL_HITS = new AtomicInteger();

    static {
        INTERNAL.createContext("/", exchange -> {
            INTERNAL_HITS.incrementAndGet();
            exchange.sendResponseHeaders(200, 2);
            exchange.getResponseBody().write("ok".getBytes());
            exchange.close();
        });
        HOSTILE.createContext("/redirect", exchange -> {
            exchange.getResponseHeaders().add("Location", "http://127.0.0.1:" + INTERNAL.getAddress().getPort() + "/secret");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        HOSTILE.createContext("/large", exchange -> {
            exchange.sendResponseHeaders(200, 0); // chunked: the size is learnt only by counting
            try (OutputStream out = exchange.getResponseBody()) {
                byte[] chunk = new byte[64 * 1024];
                for (int i = 0; i < 64; i++) {
                    out.write(chunk);
                }
            } catch (IOException aborted) {
                // the service stopped reading: as it should
            }
        });
        HOSTILE.createContext("/slow", exchange -> {
            exchange.sendResponseHeaders(200, 1000);
            try {
                exchange.getResponseBody().write(0);
                exchange.getResponseBody().flush();
                Thread.sleep(20_000);
            } catch (Exception aborted) {
                // gone
            }
            exchange.close();
        });
        HOSTILE.start();
        INTERNAL.start();
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("mediaroutes.service.max-upload-size", () -> "1MB");
        registry.add("mediaroutes.service.fetch.allow", () -> "127.0.0.1:" + HOSTILE.getAddress().getPort());
        registry.add("mediaroutes.service.fetch.read-timeout", () -> "1s");
        registry.add("mediaroutes.service.rate-limit.per-second", () -> "1000");
        registry.add("mediaroutes.service.rate-limit.per-minute", () -> "60");
        registry.add("mediaroutes.http.allowed-hosts", () -> "media.example.org");
    }

    @AfterAll
    static void stop() {
        HOSTILE.stop(0);
        INTERNAL.stop(0);
    }

    // --- Jolokia and the management endpoints

    @Test
    void aForeignOriginGetsNoManagementAnswerAndNoCorsHeaders() throws Exception {
        RawHttp.Answer read = get("/actuator/jolokia/read/java.lang:type=Runtime/SystemProperties", "Origin: http://evil.example");
        assertThat(read.status()).isEqualTo(403);
        assertThat(read.header("Access-Control-Allow-Origin")).isNull();
        assertThat(read.text()).doesNotContain("java.home");
        RawHttp.Answer preflight = RawHttp.send(port, "OPTIONS /actuator/jolokia HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Origin: http://evil.example\r\nAccess-Control-Request-Method: POST");
        assertThat(preflight.header("Access-Control-Allow-Origin")).isNull();
        assertThat(get("/actuator/jolokia/version", "Sec-Fetch-Site: cross-site").status()).as("an <img> from another site").isEqualTo(403);
        assertThat(get("/actuator/jolokia/version", "Sec-Fetch-Site: cross-site", "Sec-Fetch-Mode: navigate").status())
                .as("a link from another site to Jolokia").isEqualTo(403);
        assertThat(get("/actuator/hawtio/", "Sec-Fetch-Site: cross-site", "Sec-Fetch-Mode: navigate", "Sec-Fetch-Dest: document")
                .status()).as("a link from another site opens Hawtio's page").isIn(200, 302);
    }

    @Test
    void aForeignHostIsNotAnsweredSoDnsRebindingReadsNothing() throws Exception {
        assertThat(RawHttp.send(port, "GET /actuator/jolokia/version HTTP/1.1\r\nHost: evil.example").status()).isEqualTo(421);
        assertThat(RawHttp.send(port, "GET /api/Formats HTTP/1.1\r\nHost: evil.example:" + port).status()).isEqualTo(421);
        assertThat(RawHttp.send(port, "GET /api/Formats HTTP/1.1\r\nHost: localhost:" + port).status()).isEqualTo(200);
        assertThat(RawHttp.send(port, "GET /actuator/health HTTP/1.1\r\nHost: 10.1.2.3:" + port).status())
                .as("probes that use the pod's address").isEqualTo(200);
    }

    @Test
    void jolokiaReadsRoutesButNeitherWritesFilesNorReadsSecrets() throws Exception {
        Path target = home().resolve("pwned.txt");
        String context = jolokia("{\"type\":\"search\",\"mbean\":\"org.apache.camel:type=context,*\"}").at("/value/0").asText();
        assertThat(context).startsWith("org.apache.camel:");

        JsonNode send = jolokia("{\"type\":\"exec\",\"mbean\":" + JSON.writeValueAsString(context) + ",\"operation\":"
                + "\"sendStringBody(java.lang.String,java.lang.String)\",\"arguments\":[\"file:" + home() + "?fileName=pwned.txt\",\"owned\"]}");
        assertThat(send.path("status").asInt()).isEqualTo(403);
        assertThat(target).doesNotExist();

        String key = Files.readString(home().resolve("data/service-signing.key")).strip();
        RawHttp.Answer request = post("/actuator/jolokia", "{\"type\":\"exec\",\"mbean\":" + JSON.writeValueAsString(context)
                + ",\"operation\":\"requestStringBody(java.lang.String,java.lang.String)\",\"arguments\":"
                + "[\"language:constant:resource:file:" + home().resolve("data/service-signing.key") + "\",\"\"]}", "text/plain");
        assertThat(request.text()).doesNotContain(key);
        JsonNode write = jolokia("{\"type\":\"write\",\"mbean\":" + JSON.writeValueAsString(context)
                + ",\"attribute\":\"Tracing\",\"value\":true}");
        assertThat(write.path("status").asInt()).isEqualTo(403);
        assertThat(get("/actuator/jolokia/exec/" + context.replace("\"", "%22") + "/sendStringBody/file:" + home() + "/x/owned").text())
                .as("GET exec, what an <img> tag would send").contains("403");
        assertThat(home().resolve("x")).doesNotExist();
        RawHttp.Answer properties = get("/actuator/jolokia/read/java.lang:type=Runtime/SystemProperties");
        assertThat(properties.text()).doesNotContain("java.home").contains("403");

        // what Hawtio's route view does still works, from the same origin
        JsonNode routes = jolokia("{\"type\":\"exec\",\"mbean\":" + JSON.writeValueAsString(context) + ",\"operation\":\"dumpRoutesAsXml()\"}");
        assertThat(routes.path("status").asInt()).isEqualTo(200);
        assertThat(routes.path("value").asText()).contains("ingest-file");
        assertThat(jolokia("{\"type\":\"read\",\"mbean\":" + JSON.writeValueAsString(context) + ",\"attribute\":\"State\"}")
                .path("value").asText()).isEqualTo("Started");
    }

    // --- videoUrl and callbackUrl

    @Test
    void videoUrlNeverReachesAnInternalAddressAndFailsWithOneReason() throws Exception {
        String token = contributorToken();
        String jolokiaExec = "http://127.0.0.1:" + port + "/actuator/jolokia/version";
        String closedPort = "http://127.0.0.1:1/video.mp4";
        String internal = "http://127.0.0.1:" + INTERNAL.getAddress().getPort() + "/video.mp4";
        String metadata = "http://169.254.169.254/latest/meta-data/";
        String redirect = "http://127.0.0.1:" + HOSTILE.getAddress().getPort() + "/redirect";
        java.util.Set<String> reasons = new java.util.HashSet<>();
        for (String url : new String[] {jolokiaExec, closedPort, internal, metadata, redirect}) {
            JsonNode uploaded = uploadByUrl(url, token);
            assertThat(uploaded.path("state").asText()).as("answered before the fetch").isIn("Uploaded", "Failed");
            reasons.add(failure(uploaded.path("id").asText(), token));
        }
        assertThat(reasons).as("one text for every unreachable URL: no hint of open ports").hasSize(1);
        assertThat(reasons.iterator().next()).doesNotContain("404").doesNotContain("header parser").contains("could not be downloaded");
        assertThat(INTERNAL_HITS).as("the internal server, directly or by redirect").hasValue(0);
    }

    @Test
    void videoUrlDownloadsAreBoundedInBytesAndTime() throws Exception {
        String token = contributorToken();
        String base = "http://127.0.0.1:" + HOSTILE.getAddress().getPort();
        assertThat(failure(uploadByUrl(base + "/large", token).path("id").asText(), token)).contains("larger than");
        long start = System.nanoTime();
        String slow = failure(uploadByUrl(base + "/slow", token).path("id").asText(), token);
        assertThat(slow).contains("could not be downloaded");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("read timeout 1 s, not the server's 20 s").isLessThan(Duration.ofSeconds(15));
    }

    @Test
    void callbackUrlIsCheckedAtUpload() throws Exception {
        String token = contributorToken();
        for (String callback : new String[] {"http://127.0.0.1:" + port + "/actuator/jolokia", "http://10.0.0.1/hook", "not a url",
                "file:///etc/passwd"}) {
            RawHttp.Answer answer = post(indexer("/Videos?name=x&accessToken=" + token + "&videoUrl=" + enc("https://example.org/v.mp4")
                    + "&callbackUrl=" + enc(callback)), "", "text/plain");
            assertThat(answer.status()).as(callback).isEqualTo(400);
            assertThat(JSON.readTree(answer.text()).path("ErrorType").asText()).isEqualTo("INVALID_INPUT");
        }
    }

    // --- hostile framing

    @Test
    void aChunkedJsonBodyIsCountedAndRefusedEarly() throws Exception {
        byte[] chunk = ("{\"OriginalFileName\":\"" + "a".repeat(70_000)).getBytes(StandardCharsets.UTF_8);
        String framed = Integer.toHexString(chunk.length) + "\r\n" + new String(chunk, StandardCharsets.ISO_8859_1) + "\r\n0\r\n\r\n";
        RawHttp.Answer answer = RawHttp.send(port, "POST /api/Videos HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked", framed.getBytes(StandardCharsets.ISO_8859_1));
        assertThat(answer.status()).isEqualTo(413);
    }

    @Test
    void uploadsFollowAzureBlockRulesAndAFormContentTypeIsJustBytes() throws Exception {
        String uploadUri = createVideo("rules.mp4");
        String path = uploadUri.substring(uploadUri.indexOf("/blob/"));
        String badSignature = path.replaceAll("sig=[^&]+", "sig=AAAA");
        RawHttp.Answer forged = RawHttp.send(port, "PUT " + badSignature + " HTTP/1.1\r\nHost: 127.0.0.1\r\nx-ms-blob-type: BlockBlob\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 900000", new byte[900_000]);
        assertThat(forged.status()).isEqualTo(403);

        String a = b64("block-000"), b = b64("block-001");
        assertThat(putBlock(path, a, "application/x-www-form-urlencoded", 10).status()).as("a form Content-Type is bytes too").isEqualTo(201);
        assertThat(putBlock(path, b64("x".repeat(65)), "application/octet-stream", 10).header("x-ms-error-code"))
                .isEqualTo("InvalidQueryParameterValue");
        assertThat(putBlock(path, "</Name><injected/>", "application/octet-stream", 10).header("x-ms-error-code"))
                .isEqualTo("InvalidQueryParameterValue");
        assertThat(putBlock(path, b64("short"), "application/octet-stream", 10).header("x-ms-error-code")).isEqualTo("InvalidBlobOrBlock");
        assertThat(putBlock(path, b, "application/octet-stream", 2_000_000).status()).as("over max-upload-size, chunked or not").isEqualTo(413);

        StringBuilder list = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?><BlockList>");
        for (int i = 0; i < 1000; i++) {
            list.append("<Latest>").append(a).append("</Latest>");
        }
        RawHttp.Answer amplified = putBlockList(path, list.append("</BlockList>").toString());
        assertThat(amplified.status()).isEqualTo(400);
        assertThat(amplified.header("x-ms-error-code")).isEqualTo("InvalidBlockList");

        RawHttp.Answer blocks = RawHttp.send(port, "GET " + path + "&comp=blocklist&blocklisttype=all HTTP/1.1\r\nHost: 127.0.0.1");
        javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new java.io.ByteArrayInputStream(blocks.body())); // well-formed XML
        assertThat(putBlockList(path, "<?xml version=\"1.0\"?><BlockList><Latest>" + a + "</Latest></BlockList>").status()).isEqualTo(201);
    }

    @Test
    void urlsHandedOutComeFromThePublicUrlNotTheHostHeader() throws Exception {
        RawHttp.Answer created = RawHttp.send(port, "POST /api/Videos HTTP/1.1\r\nHost: media.example.org\r\nContent-Type: application/json\r\n"
                + "Content-Length: 30", "{\"OriginalFileName\":\"a.mp4\"}  ".getBytes(StandardCharsets.UTF_8));
        assertThat(created.status()).isEqualTo(200);
        assertThat(JSON.readTree(created.text()).path("UploadUri").asText()).startsWith("http://127.0.0.1:" + port + "/blob/");
    }

    @Test
    void wrongKeysDoNotUseUpTheAccountsRateLimit() throws Exception {
        for (int i = 0; i < 70; i++) {
            RawHttp.send(port, "GET /auth/trial/Accounts/" + accountId() + "/AccessToken HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Ocp-Apim-Subscription-Key: wrong-" + i);
        }
        assertThat(RawHttp.send(port, "GET /auth/trial/Accounts/" + accountId() + "/AccessToken HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Ocp-Apim-Subscription-Key: wrong").status()).as("the guesser is limited").isEqualTo(429);
        assertThat(RawHttp.send(port, "GET /auth/trial/Accounts/" + accountId() + "/AccessToken HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Ocp-Apim-Subscription-Key: " + subscriptionKey()).status()).as("the account is not").isEqualTo(200);
    }

    // --- the drop folder

    @Test
    void linksAndPipesInTheDropFolderGoToTheErrorFolderWithAReason() throws Exception {
        Path drop = home().resolve("drop");
        Path secret = Files.writeString(home().resolve("secret.txt"), "root:x:0:0");
        Files.createSymbolicLink(drop.resolve("passwd.mp4"), secret);
        Process mkfifo = new ProcessBuilder("mkfifo", drop.resolve("pipe.mp4").toString()).start();
        assertThat(mkfifo.waitFor()).isZero();
        Path errors = home().resolve("drop/.error");
        Await.until("both drops refused", Duration.ofSeconds(60), () -> Files.exists(errors.resolve("passwd.mp4.error.json"))
                && Files.exists(errors.resolve("pipe.mp4.error.json")));
        assertThat(Files.readString(errors.resolve("passwd.mp4.error.json"))).contains("symbolic link");
        assertThat(Files.readString(errors.resolve("pipe.mp4.error.json"))).contains("not a regular file");
        try (var blobs = Files.walk(home().resolve("data/blobs"))) {
            assertThat(blobs.filter(Files::isRegularFile).anyMatch(f -> {
                try {
                    return Files.readString(f, StandardCharsets.ISO_8859_1).contains("root:x:0:0");
                } catch (IOException e) {
                    return false;
                }
            })).as("the link's target uploaded").isFalse();
        }
    }

    @Test
    void aVeryLongNameIsTakenNotLeftToWarnForever() throws Exception {
        String name = "n".repeat(246) + ".mp4";
        TestVideos.mp4(home().resolve("long.mp4"), 1);
        Files.move(home().resolve("long.mp4"), home().resolve("drop").resolve(name));
        Await.until("the long name delivered or rejected once", Duration.ofSeconds(90),
                () -> Files.exists(home().resolve("drop/.done").resolve(name)) || Files.exists(home().resolve("drop/.error").resolve(name)));
    }

    @Test
    void anUnsatisfiableRangeGetsNoBody() throws Exception {
        Path clip = TestVideos.mp4(home().resolve("range.mp4"), 1);
        String id = processedConnectorVideo(clip);
        RawHttp.Answer answer = RawHttp.send(port, "GET /media/" + id + "/progressive.mp4 HTTP/1.1\r\nHost: 127.0.0.1\r\nRange: bytes=99999999-");
        assertThat(answer.status()).isEqualTo(416);
        assertThat(answer.body()).isEmpty();
        assertThat(answer.header("Content-Range")).startsWith("bytes */");
    }

    // --- helpers

    private String processedConnectorVideo(Path clip) throws Exception {
        String uploadUri = createVideo(clip.getFileName().toString());
        String path = uploadUri.substring(uploadUri.indexOf("/blob/"));
        byte[] bytes = Files.readAllBytes(clip);
        assertThat(RawHttp.send(port, "PUT " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nx-ms-blob-type: BlockBlob\r\nContent-Length: "
                + bytes.length, bytes).status()).isEqualTo(201);
        String id = path.split("/")[2].substring("asset-".length());
        assertThat(RawHttp.send(port, "POST /api/Videos/" + id + "/MarkComplete HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0").status())
                .isEqualTo(200);
        Await.until("processed", Duration.ofSeconds(90), () -> {
            try {
                return JSON.readTree(get("/api/Videos/" + id + "/Status").text()).path("StatusCode").asInt() == 2;
            } catch (Exception e) {
                return false;
            }
        });
        return id;
    }

    private String createVideo(String name) throws Exception {
        RawHttp.Answer created = post("/api/Videos", "{\"OriginalFileName\":\"" + name + "\"}", "application/json");
        assertThat(created.status()).isEqualTo(200);
        return JSON.readTree(created.text()).path("UploadUri").asText();
    }

    private RawHttp.Answer putBlock(String path, String blockId, String contentType, int size) throws IOException {
        return RawHttp.send(port, "PUT " + path + "&comp=block&blockid=" + enc(blockId) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Content-Type: " + contentType + "\r\nContent-Length: " + size, new byte[size]);
    }

    private RawHttp.Answer putBlockList(String path, String xml) throws IOException {
        byte[] body = xml.getBytes(StandardCharsets.UTF_8);
        return RawHttp.send(port, "PUT " + path + "&comp=blocklist HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: " + body.length, body);
    }

    private JsonNode uploadByUrl(String url, String token) throws IOException {
        RawHttp.Answer answer = post(indexer("/Videos?name=probe&accessToken=" + token + "&videoUrl=" + enc(url)), "", "text/plain");
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        return JSON.readTree(answer.text());
    }

    /** Waits for the video to fail and returns its failureMessage. */
    private String failure(String id, String token) throws Exception {
        String[] message = new String[1];
        Await.until("video " + id + " failed", Duration.ofSeconds(60), () -> {
            try {
                JsonNode index = JSON.readTree(get(indexer("/Videos/" + id + "/Index?accessToken=" + token)).text());
                message[0] = index.at("/videos/0/failureMessage").asText();
                return index.path("state").asText().equals("Failed");
            } catch (IOException e) {
                return false;
            }
        });
        return message[0];
    }

    private String contributorToken() throws IOException {
        return JSON.readTree(get("/auth/trial/Accounts/" + accountId() + "/AccessToken?allowEdit=true",
                "Ocp-Apim-Subscription-Key: " + subscriptionKey()).text()).asText();
    }

    private String indexer(String path) throws IOException {
        return "/trial/Accounts/" + accountId() + path;
    }

    private static String accountId() throws IOException {
        return Files.readString(home().resolve("data/indexer-account-id")).strip();
    }

    private static String subscriptionKey() throws IOException {
        return Files.readString(home().resolve("data/indexer-subscription-key")).strip();
    }

    private JsonNode jolokia(String body) throws IOException {
        return JSON.readTree(post("/actuator/jolokia", body, "application/json").text());
    }

    private RawHttp.Answer get(String path, String... headers) throws IOException {
        return RawHttp.send(port, "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + (headers.length > 0 ? "\r\n" + String.join("\r\n", headers) : ""));
    }

    private RawHttp.Answer post(String path, String body, String contentType) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return RawHttp.send(port, "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nOrigin: http://127.0.0.1:" + port
                + "\r\nContent-Type: " + contentType + "\r\nContent-Length: " + bytes.length, bytes);
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static HttpServer server() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.setExecutor(Executors.newCachedThreadPool());
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
