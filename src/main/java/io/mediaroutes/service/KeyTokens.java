package io.mediaroutes.service;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Key-delivery tokens in the Connector's format (the Connector reference's AuthorizationToken): URL-encoded claims
 * naming the content key, an ExpiresOn in epoch seconds, and an HMACSHA256 signature over the claims, prefixed
 * "Bearer=".
 */
@Component
public class KeyTokens {

    static final String KEY_CLAIM = "urn:microsoft:azure:mediaservices:contentkeyidentifier";
    private static final String SIGNATURE = "&HMACSHA256=";

    private final SigningKey key;
    private final Duration ttl;

    public KeyTokens(SigningKey key, ServiceProperties service) {
        this.key = key;
        this.ttl = service.keyTokenTtl();
    }

    /** The token value, {@code Bearer=<claims>&HMACSHA256=<signature>}. */
    public String issue(String keyId, String host) {
        return issue(keyId, host, Instant.now().plus(ttl));
    }

    String issue(String keyId, String host, Instant expiresOn) {
        Map<String, String> claims = new LinkedHashMap<>();
        claims.put(KEY_CLAIM, keyId);
        claims.put("urn:microsoft:azure:mediaservices:keyacquisitionhostname", host);
        claims.put("urn:ServiceAccessible", "service");
        claims.put("Audience", "urn:mediaroutes");
        claims.put("ExpiresOn", Long.toString(expiresOn.getEpochSecond()));
        claims.put("Issuer", "urn:mediaroutes");
        StringBuilder text = new StringBuilder();
        claims.forEach((k, v) -> text.append(text.isEmpty() ? "" : "&").append(encode(k)).append('=').append(encode(v)));
        return "Bearer=" + text + SIGNATURE + encode(key.sign(text.toString()));
    }

    /** Why the token does not unlock this key, or null if it does. Accepts "Bearer=x", "Bearer x" or "x". */
    public String rejection(String token, String keyId) {
        if (token == null || token.isBlank()) {
            return "missing";
        }
        String value = token.strip().replaceFirst("^Bearer[= ]", "");
        int at = value.lastIndexOf(SIGNATURE);
        if (at < 0 || !key.verify(value.substring(0, at), decode(value.substring(at + SIGNATURE.length())))) {
            return "the signature does not match";
        }
        Map<String, String> claims = new LinkedHashMap<>();
        for (String pair : value.substring(0, at).split("&")) {
            int eq = pair.indexOf('=');
            claims.put(decode(pair.substring(0, Math.max(eq, 0))), eq < 0 ? "" : decode(pair.substring(eq + 1)));
        }
        if (!keyId.equals(claims.get(KEY_CLAIM))) {
            return "the token is for another key";
        }
        try {
            if (Long.parseLong(claims.getOrDefault("ExpiresOn", "0")) < Instant.now().getEpochSecond()) {
                return "the token expired";
            }
        } catch (NumberFormatException e) {
            return "the token has no valid ExpiresOn";
        }
        return null;
    }

    /** Lower-case percent escapes, as the reference's sample token has them. */
    private static String encode(String s) {
        String encoded = URLEncoder.encode(s, StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(encoded.length());
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            out.append(c);
            if (c == '%') {
                out.append(Character.toLowerCase(encoded.charAt(++i))).append(Character.toLowerCase(encoded.charAt(++i)));
            }
        }
        return out.toString();
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
