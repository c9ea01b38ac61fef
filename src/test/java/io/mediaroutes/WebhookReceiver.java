package io.mediaroutes;

import com.sun.net.httpserver.HttpServer;
import io.mediaroutes.pipeline.WebhookSignature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A webhook endpoint as a user would run one: it verifies each delivery's signature and records every call
 * with its Idempotency-Key, so a test can count deliveries and duplicates. It can answer 500 to its first calls.
 */
public final class WebhookReceiver implements AutoCloseable {

    public record Delivery(String key, boolean signatureValid) {}

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
                boolean valid = WebhookSignature.verify(secret, exchange.getRequestHeaders().getFirst(WebhookSignature.HEADER), body, 300);
                deliveries.add(new Delivery(exchange.getRequestHeaders().getFirst("Idempotency-Key"), valid));
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
                "mediaroutes.sinks.webhook-out.secret", secret,
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
