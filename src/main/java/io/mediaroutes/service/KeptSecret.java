package io.mediaroutes.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A secret the embedded default generates at first start and keeps in a file only its owner can read, so a
 * restart finds the same one. The log names the file, never the secret.
 */
public final class KeptSecret {

    private static final Logger LOG = LoggerFactory.getLogger(KeptSecret.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private KeptSecret() {}

    /**
     * The file's text, or, if there is no file yet, {@code encode} of {@code bytes} fresh random bytes,
     * written there first.
     */
    public static String inFile(Path file, int bytes, Function<byte[], String> encode) {
        try {
            if (Files.exists(file)) {
                return Files.readString(file).strip();
            }
            byte[] random = new byte[bytes];
            RANDOM.nextBytes(random);
            String fresh = encode.apply(random);
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, fresh);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system: the folder's own permissions protect it
            }
            LOG.info("Generated {} (read it from that file)", file.toAbsolutePath());
            return fresh;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
