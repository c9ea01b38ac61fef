package io.mediaroutes.service.indexer;

import io.mediaroutes.service.ServiceProperties;
import io.mediaroutes.service.KeptSecret;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The one Video Indexer account this service hosts: location, account id and subscription key. Unset values
 * are generated at first start and kept under the data folder ({@link KeptSecret}).
 */
@Component
public class IndexerAccount {

    private final String location;
    private final String accountId;
    private final String subscriptionKey;

    public IndexerAccount(ServiceProperties service) {
        this.location = service.location();
        String accountId = service.accountId();
        String subscriptionKey = service.subscriptionKey();
        Path dataDir = service.dataDir();
        this.accountId = accountId.isBlank()
                ? KeptSecret.inFile(dataDir.resolve("indexer-account-id"), 0, none -> UUID.randomUUID().toString()) : accountId;
        this.subscriptionKey = subscriptionKey.isBlank()
                ? KeptSecret.inFile(dataDir.resolve("indexer-subscription-key"), 16, HexFormat.of()::formatHex) : subscriptionKey;
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
}
