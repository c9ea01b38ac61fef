package io.mediaroutes.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.mediaroutes.AppTestSupport;
import io.mediaroutes.Await;
import io.mediaroutes.RawHttp;
import io.mediaroutes.TestVideos;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The Connector API where a credential is required (as in profile cluster): bearer tokens from an identity provider
 * (here minted with a local RSA key, validated by Spring Security's resource server) with Media Services' roles, or the
 * static api-key; the pipeline sends its key and still delivers; Video Indexer videos stay out of reach.
 */
class ApiAccessTest {

    static final Path HOME = AppTestSupport.newHome("api-access");
    static final ObjectMapper JSON = new ObjectMapper();
    static final String KEY = "test-api-key-0123456789";
    static KeyPair identityProvider;
    static ConfigurableApplicationContext app;
    static int port;

    @BeforeAll
    static void start() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        identityProvider = generator.generateKeyPair();
        Path publicKey = Files.writeString(HOME.resolve("idp.pem"), "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(identityProvider.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n");
        app = AppTestSupport.start(HOME, Map.of(
                "mediaroutes.service.auth.required", "true",
                "mediaroutes.service.auth.api-key", KEY,
                "mediaroutes.video-service.api-key", KEY,
                "spring.security.oauth2.resourceserver.jwt.public-key-location", "file:" + publicKey));
        port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void rolesDecideWhatABearerMayDo() throws Exception {
        assertThat(call("GET /api/Formats", null).status()).as("no credential").isEqualTo(401);
        assertThat(call("POST /api/Videos", null).status()).isEqualTo(401);
        assertThat(call("GET /api/Formats", "api-key: wrong").status()).as("a wrong key").isEqualTo(401);
        assertThat(call("GET /api/Formats", "Authorization: Bearer " + token(List.of("Reader"), Instant.now().minusSeconds(60)))
                .status()).as("an expired token").isEqualTo(401);
        assertThat(call("GET /api/Formats", "Authorization: Bearer forged.token.here").status()).isEqualTo(401);

        String reader = "Authorization: Bearer " + token(List.of("Reader"), Instant.now().plusSeconds(600));
        String contributor = "Authorization: Bearer " + token(List.of("Contributor"), Instant.now().plusSeconds(600));
        assertThat(call("GET /api/Formats", reader).status()).isEqualTo(200);
        assertThat(call("POST /api/Videos", reader).status()).as("Reader: Get and List only").isEqualTo(403);
        RawHttp.Answer created = call("POST /api/Videos", contributor);
        assertThat(created.status()).isEqualTo(200);
        String id = JSON.readTree(created.text()).path("Id").asText();
        assertThat(call("DELETE /api/Videos/" + id, reader).status()).isEqualTo(403);
        assertThat(call("DELETE /api/Videos/" + id, "api-key: " + KEY).status()).as("the key is a Contributor").isEqualTo(204);
        assertThat(call("GET /media/" + id + "/progressive.mp4", null).status()).isEqualTo(401);
        assertThat(call("GET /media/" + id + "/progressive.mp4?accessToken=made-up", null).status()).as("a token is no way in")
                .isIn(401, 404);
    }

    @Test
    void thePipelineSendsItsKeyAndDelivers() throws Exception {
        Path clip = TestVideos.mp4(HOME.resolve("clip.mp4"), 1);
        Files.move(clip, HOME.resolve("drop/clip.mp4"));
        Await.until("the insights delivered", Duration.ofSeconds(120), () -> Files.exists(HOME.resolve("out/clip.mp4.insights.json")));
    }

    @Test
    void videoIndexerVideosAreNotReachableThroughTheConnectorApi() throws Exception {
        String accountId = Files.readString(HOME.resolve("data/indexer-account-id")).strip();
        RawHttp.Answer tokenAnswer = RawHttp.send(port, "GET /auth/trial/Accounts/" + accountId + "/AccessToken?allowEdit=true HTTP/1.1\r\n"
                + "Host: 127.0.0.1\r\nOcp-Apim-Subscription-Key: " + Files.readString(HOME.resolve("data/indexer-subscription-key")).strip());
        String token = JSON.readTree(tokenAnswer.text()).asText();
        byte[] video = Files.readAllBytes(TestVideos.mp4(HOME.resolve("vi.mp4"), 1));
        String boundary = "b0undary";
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"vi.mp4\"\r\n"
                + "Content-Type: video/mp4\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[head.length + video.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(video, 0, body, head.length, video.length);
        System.arraycopy(tail, 0, body, head.length + video.length, tail.length);
        RawHttp.Answer uploaded = RawHttp.send(port, "POST /trial/Accounts/" + accountId + "/Videos?name=vi&accessToken=" + token
                + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: multipart/form-data; boundary=" + boundary + "\r\nContent-Length: "
                + body.length, body);
        assertThat(uploaded.status()).as(uploaded.text()).isEqualTo(200);
        String id = JSON.readTree(uploaded.text()).path("id").asText();
        assertThat(call("GET /api/Videos/" + id, "api-key: " + KEY).status()).isEqualTo(404);
        assertThat(call("GET /api/Videos/" + id + "/Index", "api-key: " + KEY).status()).isEqualTo(404);
        assertThat(call("DELETE /api/Videos/" + id, "api-key: " + KEY).status()).isIn(204, 404);
        assertThat(RawHttp.send(port, "GET /trial/Accounts/" + accountId + "/Videos/" + id + "/Index?accessToken=" + token
                + " HTTP/1.1\r\nHost: 127.0.0.1").status()).as("still there for its own token").isEqualTo(200);
    }

    private static RawHttp.Answer call(String requestLine, String credential) throws Exception {
        byte[] body = requestLine.startsWith("POST") ? "{\"OriginalFileName\":\"a.mp4\"}".getBytes(StandardCharsets.UTF_8) : new byte[0];
        return RawHttp.send(port, requestLine + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + (credential == null ? "" : credential + "\r\n")
                + "Content-Type: application/json\r\nContent-Length: " + body.length, body);
    }

    private static String token(List<String> roles, Instant expiry) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), new JWTClaimsSet.Builder().subject("caller")
                .claim("roles", roles).issueTime(new Date()).expirationTime(Date.from(expiry)).build());
        jwt.sign(new RSASSASigner((RSAPrivateKey) identityProvider.getPrivate()));
        return jwt.serialize();
    }
}
