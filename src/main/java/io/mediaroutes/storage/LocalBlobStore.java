package io.mediaroutes.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Blobs as files: {@code root/container/name}. Staged blocks live in {@code root/container/.blocks/name/},
 * the committed block list beside the blob in {@code .blocks/name.committed}. Writes go to a temp file
 * first and are moved into place, so a reader never sees half a blob.
 */
public class LocalBlobStore implements BlobStore {

    private static final String BLOCKS = ".blocks";
    private final Path root;

    public LocalBlobStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
        try {
            Files.createDirectories(this.root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Properties putBlob(String container, String name, InputStream content) throws IOException {
        Path target = blob(container, name);
        Path temp = tempBeside(target);
        try {
            Files.copy(content, temp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
        deleteRecursively(blocksDir(container, name));
        Files.deleteIfExists(committedList(container, name));
        return properties(container, name).orElseThrow();
    }

    @Override
    public void stageBlock(String container, String name, String blockId, InputStream content, long length) throws IOException {
        Path target = blocksDir(container, name).resolve(blockFile(blockId));
        Files.createDirectories(target.getParent());
        Path temp = tempBeside(target);
        try {
            Files.copy(content, temp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    @Override
    public Properties commitBlocks(String container, String name, List<String> blockIds) throws IOException {
        Path target = blob(container, name);
        Path blocks = blocksDir(container, name);
        Path temp = tempBeside(target);
        List<String> manifest = new ArrayList<>();
        try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            for (String id : blockIds) {
                Path block = blocks.resolve(blockFile(id));
                if (!Files.exists(block)) {
                    throw new InvalidBlockListException("block " + id + " was never staged");
                }
                try (FileChannel in = FileChannel.open(block, StandardOpenOption.READ)) {
                    long size = in.size();
                    for (long pos = 0; pos < size; ) {
                        pos += in.transferTo(pos, size - pos, out);
                    }
                    manifest.add(id + " " + size);
                }
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        deleteRecursively(blocks);
        Files.write(committedList(container, name), manifest, StandardCharsets.UTF_8);
        return properties(container, name).orElseThrow();
    }

    @Override
    public BlockList blockList(String container, String name) throws IOException {
        List<Block> committed = new ArrayList<>();
        Path list = committedList(container, name);
        if (Files.exists(list)) {
            for (String line : Files.readAllLines(list, StandardCharsets.UTF_8)) {
                int space = line.lastIndexOf(' ');
                committed.add(new Block(line.substring(0, space), Long.parseLong(line.substring(space + 1))));
            }
        }
        List<Block> uncommitted = new ArrayList<>();
        Path blocks = blocksDir(container, name);
        if (Files.isDirectory(blocks)) {
            try (DirectoryStream<Path> dir = Files.newDirectoryStream(blocks, p -> !p.getFileName().toString().startsWith("."))) {
                for (Path block : dir) {
                    String id = new String(HexFormat.of().parseHex(block.getFileName().toString()), StandardCharsets.UTF_8);
                    uncommitted.add(new Block(id, Files.size(block)));
                }
            }
        }
        return new BlockList(committed, uncommitted);
    }

    @Override
    public Optional<Properties> properties(String container, String name) throws IOException {
        Path file = blob(container, name);
        try {
            long size = Files.size(file);
            var modified = Files.getLastModifiedTime(file).toInstant();
            return Optional.of(new Properties(size, "\"0x" + Long.toHexString(modified.toEpochMilli() * 31 + size).toUpperCase() + "\"", modified));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    @Override
    public InputStream openRead(String container, String name) throws IOException {
        return Files.newInputStream(blob(container, name));
    }

    @Override
    public Path localCopy(String container, String name) throws IOException {
        Path file = blob(container, name);
        if (!Files.exists(file)) {
            throw new NoSuchFileException(container + "/" + name);
        }
        return file;
    }

    @Override
    public void deleteContainer(String container) throws IOException {
        deleteRecursively(containerDir(container));
    }

    private Path containerDir(String container) throws IOException {
        return safe(root.resolve(container));
    }

    private Path blob(String container, String name) throws IOException {
        Path file = safe(containerDir(container).resolve(name));
        Files.createDirectories(file.getParent());
        return file;
    }

    private Path blocksDir(String container, String name) throws IOException {
        return safe(containerDir(container).resolve(BLOCKS).resolve(name));
    }

    private Path committedList(String container, String name) throws IOException {
        Path list = safe(containerDir(container).resolve(BLOCKS).resolve(name + ".committed"));
        Files.createDirectories(list.getParent());
        return list;
    }

    /** Block ids are arbitrary base64 text; hex keeps them valid file names. */
    private static String blockFile(String blockId) {
        return HexFormat.of().formatHex(blockId.getBytes(StandardCharsets.UTF_8));
    }

    private static Path tempBeside(Path target) {
        return target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".part");
    }

    /** Names come from clients: never let one escape the store's root. */
    private Path safe(Path path) throws IOException {
        Path normalized = path.normalize();
        if (!normalized.startsWith(root) || normalized.equals(root)) {
            throw new IOException("blob path escapes the store: " + path);
        }
        return normalized;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
