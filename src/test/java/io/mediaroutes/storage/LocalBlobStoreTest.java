package io.mediaroutes.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalBlobStoreTest {

    @TempDir
    Path root;

    @Test
    void blocksCommitInTheListedOrderAndTheCommittedListIsKept() throws IOException {
        LocalBlobStore store = new LocalBlobStore(root);
        store.stageBlock("c", "v.mp4", "Yg==", bytes("world"));
        store.stageBlock("c", "v.mp4", "YQ==", bytes("hello "));
        assertThat(store.blockList("c", "v.mp4").uncommitted()).hasSize(2);

        BlobStore.Properties props = store.commitBlocks("c", "v.mp4", List.of("YQ==", "Yg=="));

        assertThat(props.size()).isEqualTo(11);
        assertThat(read(store, "c", "v.mp4")).isEqualTo("hello world");
        assertThat(store.blockList("c", "v.mp4").committed()).containsExactly(
                new BlobStore.Block("YQ==", 6), new BlobStore.Block("Yg==", 5));
        assertThat(store.blockList("c", "v.mp4").uncommitted()).isEmpty();
    }

    @Test
    void aBlockListNamingAnUnstagedBlockFailsAndLeavesNoBlob() throws IOException {
        LocalBlobStore store = new LocalBlobStore(root);
        store.stageBlock("c", "v.mp4", "YQ==", bytes("a"));

        assertThatThrownBy(() -> store.commitBlocks("c", "v.mp4", List.of("YQ==", "bm9wZQ==")))
                .isInstanceOf(InvalidBlockListException.class);
        assertThat(store.properties("c", "v.mp4")).isEmpty();
    }

    @Test
    void putBlobReplacesAndNamesCannotEscapeTheRoot() throws IOException {
        LocalBlobStore store = new LocalBlobStore(root);
        store.putBlob("c", "v.mp4", bytes("one"));
        store.putBlob("c", "v.mp4", bytes("two"));
        assertThat(read(store, "c", "v.mp4")).isEqualTo("two");

        assertThatThrownBy(() -> store.putBlob("c", "../../etc/passwd", bytes("x"))).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> store.putBlob("..", "x", bytes("x"))).isInstanceOf(IOException.class);
    }

    private static InputStream bytes(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String read(BlobStore store, String container, String name) throws IOException {
        try (InputStream in = store.openRead(container, name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
