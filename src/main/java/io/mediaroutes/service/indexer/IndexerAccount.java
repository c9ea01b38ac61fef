package io.mediaroutes.service.indexer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The one Video Indexer account this service hosts: location, account id and subscription key. Unset values
 * are generated at first start and kept under the data folder; the log names the file, never the key.
 */
@Component
public class IndexerAccount {

    private static final Logger LOG = LoggerFactory.getLogger(IndexerAccount.class);

    private final String location;
    private final String accountId;
    private final String subscriptionKey;

    public IndexerAccount(@Value("${mediaroutes.service.location:trial}") String location,
            @Value("${mediaroutes.service.account-id:}") String accountId,
            @Value("${mediaroutes.service.subscription-key:}") String subscriptionKey,
            @Value("${mediaroutes.service.data-dir:data}") Path dataDir) {
        this.location = location;
        this.accountId = accountId.isBlank() ? kept(dataDir.resolve("indexer-account-id"), UUID.randomUUID().toString()) : accountId;
        this.subscriptionKey = subscriptionKey.isBlank()
                ? kept(dataDir.resolve("indexer-subscription-key"), HexFormat.of().formatHex(random(16))) : subscriptionKey;
    }

    public String location() {
        return location;
    }

    public String accountId() {
        return accountId;
    }

    public boolean matches(String location, String accountId) {
        return this.location.equalsIgnoreCase(location) && this.accountId.equalsIgnoreCase(accountId);
    }

    /** Constant-time check of an Ocp-Apim-Subscription-Key header. */
    public boolean keyMatches(String key) {
        return key != null && MessageDigest.isEqual(key.getBytes(StandardCharsets.UTF_8), subscriptionKey.getBytes(StandardCharsets.UTF_8));
    }

    private static String kept(Path file, String fresh) {
        try {
            if (Files.exists(file)) {
                return Files.readString(file).strip();
            }
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, fresh);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system
            }
            LOG.info("Generated {} (read it from that file)", file.toAbsolutePath());
            return fresh;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] random(int bytes) {
        byte[] b = new byte[bytes];
        new SecureRandom().nextBytes(b);
        return b;
    }
}
