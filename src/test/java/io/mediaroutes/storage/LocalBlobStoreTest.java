package io.mediaroutes.storage;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalBlobStoreTest extends BlobStoreContractTest {

    @TempDir
    Path root;

    @Override
    BlobStore store() {
        return new LocalBlobStore(root);
    }

    @Test
    void namesCannotEscapeTheRoot() {
        BlobStore store = store();
        assertThatThrownBy(() -> store.putBlob("c", "../../etc/passwd", bytes("x"))).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> store.putBlob("..", "x", bytes("x"))).isInstanceOf(IOException.class);
    }
}
