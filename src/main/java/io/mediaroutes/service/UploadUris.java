package io.mediaroutes.service;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import org.springframework.stereotype.Component;

/**
 * Signed, expiring UploadUris in the shape of an Azure SAS URL:
 * {@code <base>/blob/<container>/<blob>?sv=..&sr=b&sp=cw&se=<expiry>&sig=<HMAC>}. The signature covers the
 * container, the blob, the permissions and the expiry, so a URI is good for one blob, for writing, until then.
 * The path has the account name ("blob") first, as Azurite's, so the Azure SDK parses it path-style.
 */
@Component
public class UploadUris {

    static final String PERMISSIONS = "cw";
    private final SigningKey key;

    public UploadUris(SigningKey key) {
        this.key = key;
    }

    public String create(String baseUrl, String container, String blob, Instant expiry) {
        String se = expiry.truncatedTo(ChronoUnit.SECONDS).toString();
        return baseUrl + "/blob/" + container + "/" + blob + "?sv=2021-12-02&sr=b&sp=" + PERMISSIONS
                + "&se=" + encode(se) + "&sig=" + encode(key.sign(stringToSign(container, blob, PERMISSIONS, se)));
    }

    /** Why a request's signature is not good, or null if it is. */
    public String rejection(String container, String blob, String sp, String se, String sig) {
        if (sp == null || se == null || sig == null) {
            return "Signature fields not well formed: sp, se and sig are required.";
        }
        if (!key.verify(stringToSign(container, blob, sp, se), sig)) {
            return "Signature did not match.";
        }
        try {
            if (Instant.parse(se).isBefore(Instant.now())) {
                return "Signed expiry time [" + se + "] must be after current time.";
            }
        } catch (DateTimeParseException e) {
            return "Signed expiry time [" + se + "] is not a valid time.";
        }
        return null;
    }

    private static String stringToSign(String container, String blob, String sp, String se) {
        return String.join("\n", "/blob/" + container + "/" + blob, sp, se);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
