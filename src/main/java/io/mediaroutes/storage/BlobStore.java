package io.mediaroutes.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where the service keeps uploaded videos and everything made from them. Shaped like the Azure block blob
 * model (put blob, stage block, commit block list) so an Azure Blob implementation is a thin mapping.
 * Every write takes a stream: no video is ever held in memory.
 */
public interface BlobStore {

    record Properties(long size, String etag, Instant lastModified) {}

    record Block(String id, long size) {}

    record BlockList(List<Block> committed, List<Block> uncommitted) {}

    /** What Azure's Put Block rules ask of a blob's uncommitted blocks: how many, and their ids' length (0: none). */
    record Uncommitted(int count, int idLength) {}

    Properties putBlob(String container, String name, InputStream content) throws IOException;

    /** Stores a file the caller is done with: a store on the same disk may move it into place instead of copying. */
    default Properties putFile(String container, String name, Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return putBlob(container, name, in);
        }
    }

    /** Stages one block; {@code length} is the byte count the stream holds. */
    void stageBlock(String container, String name, String blockId, InputStream content, long length) throws IOException;

    /** Commits the named blocks in order; a staged block wins over a committed one of the same id. */
    Properties commitBlocks(String container, String name, List<String> blockIds) throws IOException;

    BlockList blockList(String container, String name) throws IOException;

    /** Asked before every Put Block: a store that can answer without listing every block should. */
    default Uncommitted uncommitted(String container, String name) throws IOException {
        List<Block> blocks = blockList(container, name).uncommitted();
        return new Uncommitted(blocks.size(), blocks.isEmpty() ? 0 : blocks.get(0).id().length());
    }

    Optional<Properties> properties(String container, String name) throws IOException;

    InputStream openRead(String container, String name) throws IOException;

    /** A local file with the blob's bytes, for tools such as ffmpeg that need a path. */
    Path localCopy(String container, String name) throws IOException;

    void deleteContainer(String container) throws IOException;
}
