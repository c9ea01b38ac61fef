package io.mediaroutes.storage;

import com.azure.storage.blob.BlobServiceClientBuilder;
import io.mediaroutes.Azurite;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

class AzureBlobStoreTest extends BlobStoreContractTest {

    static Azurite azurite;

    @TempDir
    Path cache;

    @BeforeAll
    static void startAzurite() throws IOException {
        azurite = Azurite.start();
    }

    @AfterAll
    static void stopAzurite() {
        if (azurite != null) {
            azurite.close();
        }
    }

    @Override
    BlobStore store() {
        return new AzureBlobStore(new BlobServiceClientBuilder().connectionString(azurite.connectionString()).buildClient(), cache);
    }
}
