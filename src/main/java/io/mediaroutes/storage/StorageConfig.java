package io.mediaroutes.storage;

import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Chooses the BlobStore: {@code mediaroutes.storage.kind=local} (default) keeps blobs under a folder. */
@Configuration
public class StorageConfig {

    @Bean
    BlobStore blobStore(@Value("${mediaroutes.storage.local.dir:data/blobs}") Path dir) {
        return new LocalBlobStore(dir);
    }
}
