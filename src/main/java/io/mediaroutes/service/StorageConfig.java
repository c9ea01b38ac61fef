package io.mediaroutes.service;

import io.mediaroutes.storage.AzureBlobStore;
import io.mediaroutes.storage.BlobStore;
import io.mediaroutes.storage.LocalBlobStore;
import io.mediaroutes.storage.StorageProperties;
import io.mediaroutes.azure.AzureIdentity;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Chooses the service's BlobStore: {@code mediaroutes.storage.kind=local} (default) keeps blobs under a
 * folder; {@code azure} keeps them in Azure Blob Storage (or Azurite), by connection string or by endpoint and the app's
 * Entra ID identity.
 */
@Configuration(proxyBeanMethods = false)
public class StorageConfig {

    @Bean
    BlobStore blobStore(StorageProperties storage, AzureIdentity identity) {
        return switch (storage.kind()) {
            case LOCAL -> new LocalBlobStore(storage.local().dir());
            case AZURE -> new AzureBlobStore(identity.blobService(storage.azure().connectionString(), storage.azure().endpoint(),
                    "mediaroutes.storage.azure.connection-string or mediaroutes.storage.azure.endpoint"), storage.azure().cacheDir());
        };
    }
}
