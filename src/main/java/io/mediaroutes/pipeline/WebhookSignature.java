package io.mediaroutes.pipeline;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Signs webhook deliveries the way Stripe and Mux do: header {@code Mediaroutes-Signature: t=<unix seconds>,v1=<hex>}
 * where v1 is HMAC-SHA256(secret, t + "." + body). Receivers recompute it and reject old timestamps (replays).
 */
@Component("webhookSignature")
public class WebhookSignature {

    public static final String HEADER = "Mediaroutes-Signature";
    private final Environment environment;

    public WebhookSignature(Environment environment) {
        this.environment = environment;
    }

    /**
     * Signs for the sink named {@code sink}, whose secret is the property {@code mediaroutes.sinks.<sink>.secret}:
     * the secret stays in configuration, out of the route model that Hawtio shows.
     */
    public String sign(String sink, String body) {
        String secret = environment.getProperty("mediaroutes.sinks." + sink + ".secret");
        if (secret == null || secret.isBlank()) {
            throw new IllegalStateException("set mediaroutes.sinks." + sink + ".secret to sign webhook " + sink);
        }
        long t = Instant.now().getEpochSecond();
        return "t=" + t + ",v1=" + hmac(secret, t + "." + body);
    }

    /** For receivers (and tests): true if the header matches the body and is at most toleranceSeconds old. */
    public static boolean verify(String secret, String header, String body, long toleranceSeconds) {
        if (header == null) {
            return false;
        }
        String t = null;
        String v1 = null;
        for (String part : header.split(",")) {
            if (part.startsWith("t=")) {
                t = part.substring(2);
            } else if (part.startsWith("v1=")) {
                v1 = part.substring(3);
            }
        }
        if (t == null || v1 == null || Math.abs(Instant.now().getEpochSecond() - Long.parseLong(t)) > toleranceSeconds) {
            return false;
        }
        return java.security.MessageDigest.isEqual(hmac(secret, t + "." + body).getBytes(StandardCharsets.UTF_8),
                v1.getBytes(StandardCharsets.UTF_8));
    }

    static String hmac(String secret, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
