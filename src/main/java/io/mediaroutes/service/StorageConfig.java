package io.mediaroutes.service;

import io.mediaroutes.storage.AzureBlobStore;
import io.mediaroutes.storage.BlobStore;
import io.mediaroutes.storage.LocalBlobStore;
import io.mediaroutes.storage.StorageProperties;
import com.azure.storage.blob.BlobServiceClientBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Chooses the service's BlobStore: {@code mediaroutes.storage.kind=local} (default) keeps blobs under a
 * folder; {@code azure} keeps them in Azure Blob Storage (or Azurite) given a connection string.
 */
@Configuration(proxyBeanMethods = false)
public class StorageConfig {

    @Bean
    BlobStore blobStore(StorageProperties storage) {
        return switch (storage.kind()) {
            case LOCAL -> new LocalBlobStore(storage.local().dir());
            case AZURE -> {
                if (storage.azure().connectionString().isBlank()) {
                    throw new IllegalStateException("mediaroutes.storage.kind=azure needs mediaroutes.storage.azure.connection-string");
                }
                yield new AzureBlobStore(new BlobServiceClientBuilder().connectionString(storage.azure().connectionString()).buildClient(),
                        storage.azure().cacheDir());
            }
        };
    }
}
