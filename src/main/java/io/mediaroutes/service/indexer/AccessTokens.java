package io.mediaroutes.service.indexer;

import io.mediaroutes.service.ServiceProperties;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mediaroutes.service.SigningKey;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Video Indexer access tokens: JWTs (HS256, the service's signing key) with the account, optionally one video,
 * the permission (Reader for allowEdit=false, Contributor for true) and a one-hour expiry.
 */
@Component
public class AccessTokens {

    /** What a valid token grants. videoId is null for account and user tokens. */
    public record Grant(String accountId, String videoId, boolean canWrite) {}

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final ObjectMapper JSON = new ObjectMapper();
    private final SigningKey key;
    private final Duration ttl;

    public AccessTokens(SigningKey key, ServiceProperties service) {
        this.key = key;
        this.ttl = service.accessTokenTtl();
    }

    public String issue(String accountId, String videoId, boolean allowEdit) {
        return issue(accountId, videoId, allowEdit, Instant.now().plus(ttl));
    }

    String issue(String accountId, String videoId, boolean allowEdit, Instant expires) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("AccountId", accountId);
        if (videoId != null) {
            claims.put("VideoId", videoId);
        }
        claims.put("Permission", allowEdit ? "Contributor" : "Reader");
        claims.put("iss", "mediaroutes");
        claims.put("aud", "mediaroutes");
        claims.put("exp", expires.getEpochSecond());
        try {
            String unsigned = B64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                    + B64.encodeToString(JSON.writeValueAsBytes(claims));
            return unsigned + "." + B64.encodeToString(Base64.getDecoder().decode(key.sign(unsigned)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The grant of a valid, unexpired, untampered token; null otherwise. */
    public Grant verify(String token) {
        if (token == null) {
            return null;
        }
        String[] parts = token.split("\\.");
        if (parts.length != 3) {
            return null;
        }
        String unsigned = parts[0] + "." + parts[1];
        String expected = B64.encodeToString(Base64.getDecoder().decode(key.sign(unsigned)));
        if (!java.security.MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), parts[2].getBytes(StandardCharsets.UTF_8))) {
            return null;
        }
        try {
            JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
            if (claims.path("exp").asLong() < Instant.now().getEpochSecond()) {
                return null;
            }
            return new Grant(claims.path("AccountId").asText(), claims.hasNonNull("VideoId") ? claims.get("VideoId").asText() : null,
                    "Contributor".equals(claims.path("Permission").asText()));
        } catch (Exception e) {
            return null;
        }
    }
}
