package io.mediaroutes.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
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
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Blobs as files: {@code root/container/name}. Staged blocks live in {@code root/container/.blocks/name/},
 * the committed block list in {@code .blocks/name.committed}. Writes go to a temp file first and are moved
 * into place, so a reader never sees half a blob.
 */
public class LocalBlobStore implements BlobStore {

    private static final Logger LOG = LoggerFactory.getLogger(LocalBlobStore.class);
    private static final String BLOCKS = ".blocks";
    private static final String STAGED_DATA = "staged.data";
    private final Path root;
    /** Where the next staged block of each blob goes: blocks arriving together never overlap. */
    private final Map<Path, AtomicLong> stagedEnds = new ConcurrentHashMap<>();

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

    /**
     * Blocks are appended to one staging file per blob, each at the offset it was given on arrival, and
     * indexed by id. A client that commits its blocks in the order it sent them (the Azure SDK does) gets a
     * commit that is a rename, as cheap as Azure's; any other order is copied into place.
     */
    @Override
    public void stageBlock(String container, String name, String blockId, InputStream content, long length) throws IOException {
        Path dir = blocksDir(container, name);
        Files.createDirectories(dir);
        Path data = dir.resolve(STAGED_DATA);
        Path buffered = null;
        if (length < 0) { // no Content-Length: learn the size first
            buffered = tempBeside(data);
            Files.copy(content, buffered);
            length = Files.size(buffered);
            content = Files.newInputStream(buffered);
        }
        try (InputStream in = content; FileChannel out = FileChannel.open(data, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            long offset = stagedEnds.computeIfAbsent(data, LocalBlobStore::sizeOrZero).getAndAdd(length);
            byte[] buffer = new byte[256 * 1024];
            long written = 0;
            while (written < length) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, length - written));
                if (n < 0) {
                    throw new IOException("block " + blockId + " ended after " + written + " of " + length + " bytes");
                }
                ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, n);
                while (chunk.hasRemaining()) {
                    out.write(chunk, offset + written + chunk.position());
                }
                written += n;
            }
            writeAtomically(dir.resolve(blockFile(blockId)), offset + " " + length);
        } finally {
            if (buffered != null) {
                Files.deleteIfExists(buffered);
            }
        }
    }

    @Override
    public Properties commitBlocks(String container, String name, List<String> blockIds) throws IOException {
        Path target = blob(container, name);
        Path blocks = blocksDir(container, name);
        Path data = blocks.resolve(STAGED_DATA);
        List<long[]> ranges = new ArrayList<>();
        List<String> manifest = new ArrayList<>();
        boolean inArrivalOrder = true;
        long end = 0;
        for (String id : blockIds) {
            Path entry = blocks.resolve(blockFile(id));
            if (!Files.exists(entry)) {
                throw new InvalidBlockListException("block " + id + " was never staged");
            }
            String[] offsetAndLength = Files.readString(entry).split(" ");
            long[] range = {Long.parseLong(offsetAndLength[0]), Long.parseLong(offsetAndLength[1])};
            inArrivalOrder &= range[0] == end;
            end = range[0] + range[1];
            ranges.add(range);
            manifest.add(id + " " + range[1]);
        }
        Path temp = tempBeside(target);
        try {
            if (inArrivalOrder && Files.exists(data) && Files.size(data) == end) {
                Files.move(data, temp, StandardCopyOption.ATOMIC_MOVE);
            } else {
                LOG.debug("Blocks of {}/{} committed out of arrival order: copying {} bytes", container, name, end);
                copyRanges(data, ranges, temp);
            }
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
        stagedEnds.remove(data);
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
            try (DirectoryStream<Path> dir = Files.newDirectoryStream(blocks,
                    p -> !p.getFileName().toString().startsWith(".") && !p.getFileName().toString().equals(STAGED_DATA))) {
                for (Path entry : dir) {
                    String id = new String(HexFormat.of().parseHex(entry.getFileName().toString()), StandardCharsets.UTF_8);
                    uncommitted.add(new Block(id, Long.parseLong(Files.readString(entry).split(" ")[1])));
                }
            }
        }
        return new BlockList(committed, uncommitted);
    }

    private static void copyRanges(Path data, List<long[]> ranges, Path target) throws IOException {
        try (FileChannel in = FileChannel.open(data, StandardOpenOption.READ);
                FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING)) {
            for (long[] range : ranges) {
                for (long done = 0; done < range[1]; ) {
                    done += in.transferTo(range[0] + done, range[1] - done, out);
                }
            }
        }
    }

    private static void writeAtomically(Path file, String text) throws IOException {
        Path temp = tempBeside(file);
        Files.writeString(temp, text);
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static AtomicLong sizeOrZero(Path file) {
        try {
            return new AtomicLong(Files.exists(file) ? Files.size(file) : 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
