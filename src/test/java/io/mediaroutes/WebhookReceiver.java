package io.mediaroutes;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A webhook endpoint as a user would run one: it verifies each delivery's signature and records every call
 * with its Idempotency-Key, so a test can count deliveries and duplicates. It can answer 500 to its first calls.
 */
public final class WebhookReceiver implements AutoCloseable {

    /** One accepted call: its Idempotency-Key, whether its Standard Webhooks signature held, its CloudEvent type. */
    public record Delivery(String key, boolean signatureValid, String cloudEventType) {}

    public final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    public final AtomicInteger failuresServed = new AtomicInteger();
    /** How long the receiver takes before it answers a delivery (0: at once); long enough to crash the sender. */
    public volatile long answerAfterMillis;
    private final HttpServer server;
    private final String secret;

    public WebhookReceiver(String secret, int failFirst) {
        this.secret = secret;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (failuresServed.get() < failFirst) {
                failuresServed.incrementAndGet();
                exchange.sendResponseHeaders(500, -1);
            } else {
                var headers = exchange.getRequestHeaders();
                boolean valid = verify(headers.getFirst("webhook-id"), headers.getFirst("webhook-timestamp"),
                        headers.getFirst("webhook-signature"), body);
                deliveries.add(new Delivery(headers.getFirst("Idempotency-Key"), valid, headers.getFirst("ce-type")));
                sleep(answerAfterMillis);
                exchange.sendResponseHeaders(valid ? 200 : 401, -1);
            }
            exchange.close();
        });
        server.setExecutor(Executors.newFixedThreadPool(4, r -> { // daemon: a bench that is done exits
            Thread t = new Thread(r, "webhook-receiver");
            t.setDaemon(true);
            return t;
        }));
        server.start();
    }

    /**
     * Standard Webhooks verification, written from the specification (not from the sender's code): any one
     * {@code v1,<base64>} of the header is HMAC-SHA256(base64 key after whsec_, id.timestamp.body), at most 5 min old.
     */
    private boolean verify(String id, String timestamp, String signatures, String body) {
        if (id == null || timestamp == null || signatures == null
                || Math.abs(Instant.now().getEpochSecond() - Long.parseLong(timestamp)) > 300) {
            return false;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
            byte[] expected = mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            return Arrays.stream(signatures.split(" ")).filter(s -> s.startsWith("v1,"))
                    .anyMatch(s -> MessageDigest.isEqual(expected, Base64.getDecoder().decode(s.substring(3))));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    /**
     * The app's properties for the sink "webhook-out" to this receiver (routes/test-webhook.camel.yaml), delivered
     * to after {@code sinksBefore} (e.g. "direct:file-out,"; empty for none).
     */
    public Map<String, String> sinkProperties(String sinksBefore) {
        return Map.of(
                "camel.main.routes-include-pattern", "file:routes/*.camel.yaml,classpath:routes/test-webhook.camel.yaml",
                "mediaroutes.deliver.sinks", sinksBefore + "direct:webhook-out",
                "test.webhook.secret", secret,
                "test.webhook.url", url());
    }

    /** Videos delivered at least once. */
    public long distinctKeys() {
        return deliveries.stream().map(Delivery::key).distinct().count();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
