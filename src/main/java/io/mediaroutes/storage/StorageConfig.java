package io.mediaroutes.storage;

import com.azure.storage.blob.BlobServiceClientBuilder;
import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Chooses the service's BlobStore: {@code mediaroutes.storage.kind=local} (default) keeps blobs under a
 * folder; {@code azure} keeps them in Azure Blob Storage (or Azurite) given a connection string.
 */
@Configuration
public class StorageConfig {

    @Bean
    BlobStore blobStore(@Value("${mediaroutes.storage.kind:local}") String kind,
            @Value("${mediaroutes.storage.local.dir:data/blobs}") Path dir,
            @Value("${mediaroutes.storage.azure.connection-string:}") String connectionString,
            @Value("${mediaroutes.storage.azure.cache-dir:data/blob-cache}") Path cacheDir) {
        return switch (kind) {
            case "local" -> new LocalBlobStore(dir);
            case "azure" -> {
                if (connectionString.isBlank()) {
                    throw new IllegalStateException("mediaroutes.storage.kind=azure needs mediaroutes.storage.azure.connection-string");
                }
                yield new AzureBlobStore(new BlobServiceClientBuilder().connectionString(connectionString).buildClient(), cacheDir);
            }
            default -> throw new IllegalStateException("mediaroutes.storage.kind must be local or azure, not " + kind);
        };
    }
}
