package io.mediaroutes.media;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.CipherInputStream;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256 in CTR mode without padding, the Connector's input storage encryption. CTR is symmetric, so the same
 * stream wrapper encrypts (client) and decrypts (service), a buffer at a time.
 */
public final class Aes256Ctr {

    private Aes256Ctr() {}

    public static InputStream wrap(InputStream in, String base64Key, String base64Iv) throws IOException {
        try {
            Cipher cipher = Cipher.getInstance("AES/CTR/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(Base64.getDecoder().decode(base64Key), "AES"),
                    new IvParameterSpec(Base64.getDecoder().decode(base64Iv)));
            return new CipherInputStream(in, cipher);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IOException("bad AES-256 key or IV: " + e.getMessage(), e);
        }
    }

    public static void copy(InputStream in, OutputStream out, String base64Key, String base64Iv) throws IOException {
        try (InputStream decrypted = wrap(in, base64Key, base64Iv)) {
            decrypted.transferTo(out);
        }
    }
}
