package io.mediaroutes.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What every BlobStore must do, run against the local folder and against Azurite. */
abstract class BlobStoreContractTest {

    abstract BlobStore store() throws IOException;

    @Test
    void blocksCommitInTheListedOrderAndTheCommittedListIsKept() throws IOException {
        BlobStore store = store();
        store.stageBlock("asset-blocks", "v.mp4", "Yg==", bytes("world"), 5);
        store.stageBlock("asset-blocks", "v.mp4", "YQ==", bytes("hello "), 6);
        assertThat(store.blockList("asset-blocks", "v.mp4").uncommitted()).hasSize(2);

        BlobStore.Properties props = store.commitBlocks("asset-blocks", "v.mp4", List.of("YQ==", "Yg=="));

        assertThat(props.size()).isEqualTo(11);
        assertThat(read(store, "asset-blocks", "v.mp4")).isEqualTo("hello world");
        assertThat(store.blockList("asset-blocks", "v.mp4").committed()).containsExactly(
                new BlobStore.Block("YQ==", 6), new BlobStore.Block("Yg==", 5));
        assertThat(store.blockList("asset-blocks", "v.mp4").uncommitted()).isEmpty();
    }

    @Test
    void blocksCommittedInArrivalOrderAndARestagedBlockKeepItsLatestBytes() throws IOException {
        BlobStore store = store();
        store.stageBlock("asset-ordered", "v.mp4", "YQ==", bytes("one "), 4);
        store.stageBlock("asset-ordered", "v.mp4", "Yg==", bytes("two "), 4);
        store.stageBlock("asset-ordered", "v.mp4", "Yw==", bytes("three"), 5);
        assertThat(read(store, "asset-ordered", "v.mp4", List.of("YQ==", "Yg==", "Yw=="))).isEqualTo("one two three");

        store.stageBlock("asset-restaged", "v.mp4", "YQ==", bytes("old"), 3);
        store.stageBlock("asset-restaged", "v.mp4", "Yg==", bytes("!"), 1);
        store.stageBlock("asset-restaged", "v.mp4", "YQ==", bytes("new"), 3);
        assertThat(read(store, "asset-restaged", "v.mp4", List.of("YQ==", "Yg=="))).isEqualTo("new!");
    }

    @Test
    void aBlockShorterThanItsLengthIsNotStaged() throws IOException {
        BlobStore store = store();
        try {
            store.stageBlock("asset-short", "v.mp4", "YQ==", bytes("abc"), 10);
        } catch (Exception expected) {
            // the store refused the short block; what matters is what is listed next
        }
        assertThat(store.blockList("asset-short", "v.mp4").uncommitted()).isEmpty();
    }

    @Test
    void aBlockListNamingAnUnstagedBlockFailsAndLeavesNoBlob() throws IOException {
        BlobStore store = store();
        store.stageBlock("asset-invalid", "v.mp4", "YQ==", bytes("a"), 1);

        assertThatThrownBy(() -> store.commitBlocks("asset-invalid", "v.mp4", List.of("YQ==", "bm9wZQ==")))
                .isInstanceOf(InvalidBlockListException.class);
        assertThat(store.properties("asset-invalid", "v.mp4")).isEmpty();
    }

    @Test
    void putBlobReplacesReadsBackAndDeleteRemovesTheContainer() throws IOException {
        BlobStore store = store();
        store.putBlob("asset-put", "hls/master.m3u8", bytes("one"));
        store.putBlob("asset-put", "hls/master.m3u8", bytes("two"));

        assertThat(read(store, "asset-put", "hls/master.m3u8")).isEqualTo("two");
        assertThat(Files.readString(store.localCopy("asset-put", "hls/master.m3u8"))).isEqualTo("two");
        assertThat(store.properties("asset-put", "hls/master.m3u8").orElseThrow().size()).isEqualTo(3);

        store.deleteContainer("asset-put");
        assertThat(store.properties("asset-put", "hls/master.m3u8")).isEmpty();
    }

    /** Ids such as the uploader's (base64 of "block-000042") whatever order the blocks come in; numbers alike in other ids. */
    @Test
    void numberedBlocksArriveInAnyOrderAndCommitInTheListedOne() throws IOException {
        BlobStore store = store();
        store.stageBlock("asset-numbered", "v.mp4", id("block-2"), bytes("cc!"), 3);
        store.stageBlock("asset-numbered", "v.mp4", id("block-0"), bytes("aaaa"), 4);
        store.stageBlock("asset-numbered", "v.mp4", id("other-1"), bytes("xxxx"), 4); // the same number, another id
        store.stageBlock("asset-numbered", "v.mp4", id("block-1"), bytes("bbbb"), 4);
        store.stageBlock("asset-numbered", "v.mp4", id("block-0"), bytes("AAAA"), 4); // staged again: the latest counts
        assertThat(read(store, "asset-numbered", "v.mp4", List.of(id("block-0"), id("block-1"), id("block-2")))).isEqualTo("AAAAbbbbcc!");

        store.stageBlock("asset-numbered-2", "v.mp4", id("block-1"), bytes("bbbb"), 4);
        store.stageBlock("asset-numbered-2", "v.mp4", id("other-1"), bytes("xxxx"), 4);
        store.stageBlock("asset-numbered-2", "v.mp4", id("block-0"), bytes("aaaaaa"), 6); // longer than a slot
        assertThat(read(store, "asset-numbered-2", "v.mp4", List.of(id("other-1"), id("block-0"), id("block-1")))).isEqualTo("xxxxaaaaaabbbb");
    }

    /** What the Put Block rules read before each block: how many are staged, and their ids' length. */
    @Test
    void uncommittedBlocksAreCountedOnceEachUntilCommitted() throws IOException {
        BlobStore store = store();
        assertThat(store.uncommitted("asset-counted", "v.mp4")).isEqualTo(new BlobStore.Uncommitted(0, 0));
        store.stageBlock("asset-counted", "v.mp4", id("block-0"), bytes("aa"), 2);
        store.stageBlock("asset-counted", "v.mp4", id("block-1"), bytes("bb"), 2);
        store.stageBlock("asset-counted", "v.mp4", id("block-0"), bytes("AA"), 2); // staged again: still one block
        assertThat(store.uncommitted("asset-counted", "v.mp4")).isEqualTo(new BlobStore.Uncommitted(2, id("block-0").length()));
        store.commitBlocks("asset-counted", "v.mp4", List.of(id("block-0"), id("block-1")));
        assertThat(store.uncommitted("asset-counted", "v.mp4")).isEqualTo(new BlobStore.Uncommitted(0, 0));
    }

    static String id(String name) {
        return java.util.Base64.getEncoder().encodeToString(name.getBytes(StandardCharsets.UTF_8));
    }

    static InputStream bytes(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String read(BlobStore store, String container, String name, List<String> commit) throws IOException {
        store.commitBlocks(container, name, commit);
        return read(store, container, name);
    }

    private static String read(BlobStore store, String container, String name) throws IOException {
        try (InputStream in = store.openRead(container, name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
