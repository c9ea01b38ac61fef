package io.mediaroutes.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalBlobStoreTest extends BlobStoreContractTest {

    @TempDir
    Path root;

    @Override
    BlobStore store() {
        return new LocalBlobStore(root);
    }

    /** The uploader's blocks, sent 4 at a time, arrive out of order: the commit is still a rename, not a copy. */
    @Test
    void numberedBlocksCommitAsARenameWhateverOrderTheyArrivedIn() throws IOException {
        LocalBlobStore store = new LocalBlobStore(root);
        store.stageBlock("c", "v.mp4", id("block-000001"), bytes("bbbb"), 4);
        store.stageBlock("c", "v.mp4", id("block-000002"), bytes("cc"), 2);
        Object staged = Files.getAttribute(root.resolve("c/.blocks/v.mp4/slots.data"), "unix:ino");
        store = new LocalBlobStore(root); // a restart in between: the slots are read back from what is staged
        assertThat(store.uncommitted("c", "v.mp4")).as("read back after the restart").isEqualTo(new BlobStore.Uncommitted(2, id("block-000000").length()));
        store.stageBlock("c", "v.mp4", id("block-000000"), bytes("aaaa"), 4);

        store.commitBlocks("c", "v.mp4", List.of(id("block-000000"), id("block-000001"), id("block-000002")));

        assertThat(root.resolve("c/v.mp4")).hasContent("aaaabbbbcc");
        assertThat(Files.getAttribute(root.resolve("c/v.mp4"), "unix:ino")).as("the staged file itself").isEqualTo(staged);
        assertThat(root.resolve("c/.blocks/v.mp4")).doesNotExist();
    }

    @Test
    void aFileOnTheStoresDiskIsMovedIntoPlaceNotCopied() throws IOException {
        LocalBlobStore store = new LocalBlobStore(root);
        Path made = Files.writeString(root.resolve("segment.ts"), "media bytes");
        Object inode = Files.getAttribute(made, "unix:ino");

        BlobStore.Properties stored = store.putFile("c", "hls/segment.ts", made);

        assertThat(made).doesNotExist();
        assertThat(root.resolve("c/hls/segment.ts")).hasContent("media bytes");
        assertThat(Files.getAttribute(root.resolve("c/hls/segment.ts"), "unix:ino")).as("the same file, renamed").isEqualTo(inode);
        assertThat(stored.size()).isEqualTo(11);
    }

    @Test
    void namesCannotEscapeTheRoot() {
        BlobStore store = store();
        assertThatThrownBy(() -> store.putBlob("c", "../../etc/passwd", bytes("x"))).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> store.putBlob("..", "x", bytes("x"))).isInstanceOf(IOException.class);
    }
}
