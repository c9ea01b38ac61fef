package io.mediaroutes.service;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/** The service's HMAC-SHA256 key: configured, or generated at first start and kept under the data folder. */
@Component
public class SigningKey {

    private final byte[] key;

    public SigningKey(ServiceProperties props) {
        this.key = props.signingKey().isBlank()
                ? Base64.getDecoder().decode(KeptSecret.inFile(props.dataDir().resolve("service-signing.key"), 32,
                        Base64.getEncoder()::encodeToString))
                : props.signingKey().getBytes(StandardCharsets.UTF_8);
    }

    public String sign(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Constant-time comparison, so a signature can't be guessed byte by byte. */
    public boolean verify(String text, String signature) {
        return signature != null && MessageDigest.isEqual(sign(text).getBytes(StandardCharsets.UTF_8),
                signature.getBytes(StandardCharsets.UTF_8));
    }
}
