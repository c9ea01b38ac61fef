package io.mediaroutes.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.mediaroutes.MissingTool;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The webhook-sink Kamelet alone in a Camel context, held to the receivers' side: the published Standard Webhooks
 * test vector, and each delivery checked by the libraries receivers use (npm standardwebhooks and cloudevents).
 */
class WebhookSinkTest extends KameletTestSupport {

    // The Standard Webhooks specification's example (github.com/standard-webhooks/standard-webhooks, its libraries' tests)
    static final String SPEC_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static final String BODY = "{\"id\":\"a1b2c3d4e5\",\"state\":\"Processed\",\"videos\":[]}";
    static final ObjectMapper JSON = new ObjectMapper();

    record Request(Map<String, String> headers, String body) {}

    final BlockingQueue<Request> received = new LinkedBlockingQueue<>();
    volatile int status = 200;
    HttpServer receiver;

    @BeforeEach
    void startReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            Map<String, String> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), values.get(0)));
            received.add(new Request(headers, new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stopReceiver() {
        receiver.stop(0);
    }

    String sink(String options) {
        return "kamelet:webhook-sink?url=http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook" + options;
    }

    @Test
    void signsTheSpecsTestVectorExactly() {
        WebhookSigner signer = new WebhookSigner();
        signer.setSecret(SPEC_SECRET);
        assertThat(signer.standard("msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, "{\"test\": 2432232314}"))
                .isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void aDeliveryVerifiesWithEitherRotatedSecretAndParsesAsACloudEvent() throws Exception {
        String next = "whsec_bmV4dCBzZWNyZXQgZm9yIHJvdGF0aW9u";
        template.sendBodyAndHeaders(sink("&secret=RAW(" + SPEC_SECRET + " " + next + ")&cloudEvents=true"), BODY,
                Map.of("videoId", "a1b2c3d4e5", "file", "clip.mp4.insights.json", "Authorization", "Bearer not-for-the-receiver"));
        Request request = received.poll(30, TimeUnit.SECONDS);

        assertThat(request.body()).isEqualTo(BODY);
        assertThat(request.headers()).containsEntry("webhook-id", "a1b2c3d4e5").containsEntry("idempotency-key", "a1b2c3d4e5")
                .doesNotContainKeys("authorization", "videoid", "file");
        assertThat(request.headers().get("webhook-signature")).matches("v1,\\S+ v1,\\S+");
        for (String secret : new String[] {SPEC_SECRET, next}) {
            JsonNode event = receiversCheck(secret, request);
            assertThat(event.path("specversion").asText()).isEqualTo("1.0");
            assertThat(event.path("id").asText()).isEqualTo("a1b2c3d4e5");
            assertThat(event.path("type").asText()).isEqualTo("io.mediaroutes.video.indexed");
            assertThat(event.path("source").asText()).isEqualTo("/mediaroutes");
            assertThat(event.path("subject").asText()).isEqualTo("clip.mp4.insights.json");
            assertThat(Instant.parse(event.path("time").asText())).isCloseTo(Instant.now(), within(5, ChronoUnit.MINUTES));
            assertThat(event.path("state").asText()).as("the data, parsed as JSON").isEqualTo("Processed");
        }
    }

    @Test
    void aWrongSecretFailsTheReceiversCheck() throws Exception {
        template.sendBodyAndHeaders(sink("&secret=RAW(" + SPEC_SECRET + ")"), BODY, Map.of("videoId", "a1b2c3d4e5"));
        Request request = received.poll(30, TimeUnit.SECONDS);
        assertThat(request.headers()).doesNotContainKey("ce-id");
        assertThatThrownBy(() -> receiversCheck("whsec_d3Jvbmcgc2VjcmV0", request)).hasMessageContaining("verif");
    }

    @Test
    void theEarlierSchemeSendsMediaroutesSignature() {
        WebhookSigner signer = new WebhookSigner();
        signer.setSecret("plain-text-secret");
        signer.setScheme(WebhookSigner.MEDIAROUTES);
        signer.setClock(Clock.fixed(Instant.ofEpochSecond(1614265330), ZoneOffset.UTC));
        Exchange exchange = new DefaultExchange(context);
        exchange.getMessage().setBody(BODY);
        signer.process(exchange);
        // printf '%s' "1614265330.$BODY" | openssl dgst -sha256 -hmac plain-text-secret
        assertThat(exchange.getMessage().getHeader("Mediaroutes-Signature", String.class))
                .isEqualTo("t=1614265330,v1=9d719399d08963f6d90ce6d2c00c5264224ad754fb9e3c7085ab32b656afd636");
    }

    @Test
    void theEarlierSchemeIsAKameletOption() throws Exception {
        template.sendBodyAndHeaders(sink("&secret=plain&signature=mediaroutes"), BODY, Map.of("videoId", "v"));
        assertThat(received.poll(30, TimeUnit.SECONDS).headers()).containsKey("mediaroutes-signature").doesNotContainKey("webhook-signature");
    }

    @Test
    void aReceiverErrorFailsTheDeliverySoTheSinkRetries() {
        status = 503;
        assertThatThrownBy(() -> template.sendBodyAndHeaders(sink("&secret=RAW(" + SPEC_SECRET + ")"), BODY, Map.of("videoId", "v")))
                .isInstanceOf(CamelExecutionException.class).hasRootCauseInstanceOf(HttpOperationFailedException.class);
    }

    /** What node and the receivers' libraries make of the request: the CloudEvent, or an error if it does not verify. */
    static JsonNode receiversCheck(String secret, Request request) throws Exception {
        Path modules = Path.of("target/clients/node_modules").toAbsolutePath();
        if (!Files.isDirectory(modules.resolve("standardwebhooks"))) {
            MissingTool.skipOrFail("npm's standardwebhooks and cloudevents are not in target/clients (mvn test-compile fetches them)");
        }
        ProcessBuilder node = new ProcessBuilder("node", Path.of("src/test/resources/clients/verify-webhook.js").toAbsolutePath().toString());
        node.environment().put("NODE_PATH", modules.toString());
        node.redirectErrorStream(true);
        Process process = node.start();
        process.getOutputStream().write(JSON.writeValueAsBytes(Map.of("secret", secret, "headers", request.headers(), "body", request.body())));
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new AssertionError("the receiver's check failed: " + output);
        }
        return JSON.readTree(output);
    }
}
