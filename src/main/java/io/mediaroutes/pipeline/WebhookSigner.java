package io.mediaroutes.pipeline;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Signs a webhook delivery. A bean local to the webhook-sink Kamelet, so its secrets live in the Kamelet's
 * parameters and never in a route or an expression that Hawtio shows.
 *
 * <ul>
 * <li>{@code standard} (<a href="https://www.standardwebhooks.com/">Standard Webhooks</a>): headers
 * {@code webhook-id} (the one already set, the same on every retry), {@code webhook-timestamp} (unix seconds) and
 * {@code webhook-signature: v1,<base64 HMAC-SHA256(key, id + "." + timestamp + "." + body)>}, where the key is
 * the base64 after {@code whsec_}.
 * <li>{@code mediaroutes} (the header of earlier releases): {@code Mediaroutes-Signature: t=<unix>,v1=<hex
 * HMAC-SHA256(secret, t + "." + body)>}, the secret's text being the key.
 * </ul>
 * Several secrets separated by spaces give one signature each, so receivers can rotate keys without a gap.
 */
public class WebhookSigner implements Processor {

    public static final String STANDARD = "standard";
    public static final String MEDIAROUTES = "mediaroutes";

    private List<String> secrets = List.of();
    private String scheme = STANDARD;
    private Clock clock = Clock.systemUTC();

    public void setSecret(String secret) {
        this.secrets = Arrays.stream(secret.trim().split("\\s+")).filter(s -> !s.isEmpty()).toList();
    }

    public void setScheme(String scheme) {
        if (!STANDARD.equals(scheme) && !MEDIAROUTES.equals(scheme)) {
            throw new IllegalArgumentException("webhook signature scheme must be standard or mediaroutes, not " + scheme);
        }
        this.scheme = scheme;
    }

    void setClock(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void process(Exchange exchange) {
        if (secrets.isEmpty()) {
            throw new IllegalStateException("webhook-sink needs a secret to sign with");
        }
        Message message = exchange.getMessage();
        String body = message.getBody(String.class);
        long timestamp = clock.instant().getEpochSecond();
        if (STANDARD.equals(scheme)) {
            String id = message.getHeader("webhook-id", String.class);
            message.setHeader("webhook-timestamp", Long.toString(timestamp));
            message.setHeader("webhook-signature", standard(id, timestamp, body));
        } else {
            message.setHeader("Mediaroutes-Signature", "t=" + timestamp + secrets.stream()
                    .map(secret -> ",v1=" + HexFormat.of().formatHex(hmac(secret.getBytes(StandardCharsets.UTF_8), timestamp + "." + body)))
                    .collect(Collectors.joining()));
        }
    }

    /** The webhook-signature header for this message: one {@code v1,<base64>} per secret, space-separated. */
    String standard(String id, long timestamp, String body) {
        return secrets.stream()
                .map(secret -> "v1," + Base64.getEncoder().encodeToString(hmac(key(secret), id + "." + timestamp + "." + body)))
                .collect(Collectors.joining(" "));
    }

    /** Standard Webhooks secrets are base64 after an optional whsec_ prefix, as its reference libraries read them. */
    private static byte[] key(String secret) {
        try {
            return Base64.getDecoder().decode(secret.startsWith("whsec_") ? secret.substring("whsec_".length()) : secret);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("a Standard Webhooks secret is whsec_ and base64 (or use signature=mediaroutes)", e);
        }
    }

    private static byte[] hmac(byte[] key, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
