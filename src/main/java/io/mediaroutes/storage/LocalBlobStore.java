package io.mediaroutes.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
    private static final String SLOTS_DATA = "slots.data";
    private static final Pattern TRAILING_NUMBER = Pattern.compile("([0-9]{1,12})$");
    private static final Pattern HEX = Pattern.compile("[0-9a-f]+");
    private static final long MAX_SLOT = 50_000; // Azure's most blocks in a blob
    private static final long MAX_SLOTTED_BYTES = 1L << 40; // past a TiB, blocks are appended (no vast sparse files)
    private final Path root;
    /** Where the next staged block of each blob goes: blocks arriving together never overlap. */
    private final Map<Path, AtomicLong> stagedEnds = new ConcurrentHashMap<>();
    /** The staged blocks of each blob being staged (ids and slots), by its blocks folder. */
    private final Map<Path, Staged> staged = new ConcurrentHashMap<>();

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
            write(content, temp, 0, -1, "the blob");
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
        return writtenWhole(container, name);
    }

    /** The file becomes the blob by a rename when it is on this store's file system (a copy otherwise). */
    @Override
    public Properties putFile(String container, String name, Path file) throws IOException {
        Path target = blob(container, name);
        try {
            Files.move(file, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException elsewhere) {
            return BlobStore.super.putFile(container, name, file);
        }
        return writtenWhole(container, name);
    }

    /** A blob just written whole (not from blocks): its staged blocks and committed block list no longer apply. */
    private Properties writtenWhole(String container, String name) throws IOException {
        forgetStaged(container, name);
        Files.deleteIfExists(committedList(container, name));
        return properties(container, name).orElseThrow();
    }

    /**
     * Where staged blocks go, so that a commit is usually a rename, as cheap as Azure's. A block whose id ends in
     * a number (base64 of e.g. "block-000042", as index-named uploaders send) goes to slot 42 of slots.data, each
     * slot as long as the blob's first such block: a commit of slots 0..n-1 in order is then that file, whatever
     * order the blocks arrived in. Any other block is appended to staged.data at the offset it gets on arrival
     * (so blocks committed in arrival order are a rename too). Any other commit is copied into place.
     */
    @Override
    public void stageBlock(String container, String name, String blockId, InputStream content, long length) throws IOException {
        Path dir = blocksDir(container, name);
        Files.createDirectories(dir);
        Path buffered = null;
        if (length < 0) { // no Content-Length: learn the size first
            buffered = tempBeside(dir.resolve(STAGED_DATA));
            write(content, buffered, 0, -1, blockId);
            length = Files.size(buffered);
            content = Files.newInputStream(buffered);
        }
        try (InputStream in = content) {
            Staged blocks = staged.computeIfAbsent(dir, Staged::read);
            long slot = blocks.claim(slotIndex(blockId), blockId, length);
            String file = slot >= 0 ? SLOTS_DATA : STAGED_DATA;
            long offset = slot >= 0 ? slot : stagedEnds.computeIfAbsent(dir.resolve(STAGED_DATA), LocalBlobStore::sizeOrZero).getAndAdd(length);
            write(in, dir.resolve(file), offset, length, "block " + blockId);
            writeAtomically(dir.resolve(blockFile(blockId)), offset + " " + length + " " + file);
            blocks.add(blockId);
        } finally {
            if (buffered != null) {
                Files.deleteIfExists(buffered);
            }
        }
    }

    /**
     * Bytes from a request to their place in a file: one copy, in whole 256 KB writes (a short read from the socket
     * is not written as a short, unaligned write: the kernel would zero the rest of each page first).
     * @param length the bytes to copy; -1: up to the end of the stream
     */
    private static void write(InputStream in, Path data, long offset, long length, String what) throws IOException {
        try (FileChannel out = FileChannel.open(data, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            byte[] buffer = new byte[256 * 1024];
            long written = 0;
            while (length < 0 || written < length) {
                int n = in.readNBytes(buffer, 0, (int) (length < 0 ? buffer.length : Math.min(buffer.length, length - written)));
                if (n == 0 && length < 0) {
                    return;
                }
                if (n == 0) {
                    throw new IOException(what + " ended after " + written + " of " + length + " bytes");
                }
                ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, n);
                while (chunk.hasRemaining()) {
                    out.write(chunk, offset + written + chunk.position());
                }
                written += n;
            }
        }
    }

    /** The number a block id ends with once decoded ("block-000042": 42), or -1. */
    static long slotIndex(String blockId) {
        try {
            Matcher digits = TRAILING_NUMBER.matcher(new String(Base64.getDecoder().decode(blockId), StandardCharsets.ISO_8859_1));
            return digits.find() ? Long.parseLong(digits.group(1)) : -1;
        } catch (IllegalArgumentException notBase64) {
            return -1;
        }
    }

    /**
     * One blob's staged blocks: their ids, and the slots: their size (the first numbered block's length) and the
     * block in each. Rebuilt from the staged entries after a restart, so that no block is ever written over
     * another one's slot.
     */
    private static final class Staged {
        private final Set<String> ids = new HashSet<>();
        private long size = -1;
        private final Map<Long, String> owners = new HashMap<>();

        static Staged read(Path dir) {
            Staged staged = new Staged();
            long firstLength = -1;
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, LocalBlobStore::isEntry)) {
                for (Path entry : entries) {
                    String id = new String(HexFormat.of().parseHex(entry.getFileName().toString()), StandardCharsets.UTF_8);
                    staged.ids.add(id);
                    String[] fields = Files.readString(entry).split(" ");
                    if (fields.length == 3 && fields[2].equals(SLOTS_DATA)) {
                        long index = slotIndex(id);
                        staged.owners.put(index, id);
                        if (index > 0) {
                            staged.size = Long.parseLong(fields[0]) / index; // exact
                        } else {
                            firstLength = Long.parseLong(fields[1]);
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (staged.size < 0) {
                staged.size = firstLength; // slot 0 alone: slot 1 starts where it ends
            }
            return staged;
        }

        /** This block's offset in slots.data; -1 if it has no number, is longer than a slot, or its slot is taken. */
        synchronized long claim(long index, String id, long length) {
            if (index < 0 || index > MAX_SLOT) {
                return -1;
            }
            if (size < 0) {
                size = length;
            }
            if (length > size || index * size > MAX_SLOTTED_BYTES) {
                return -1;
            }
            String owner = owners.putIfAbsent(index, id);
            return owner == null || owner.equals(id) ? index * size : -1;
        }

        synchronized void add(String id) {
            ids.add(id);
        }

        synchronized Uncommitted uncommitted() {
            return new Uncommitted(ids.size(), ids.isEmpty() ? 0 : ids.iterator().next().length());
        }
    }

    /** From memory, not from a listing of every staged block: asked before each Put Block. */
    @Override
    public Uncommitted uncommitted(String container, String name) throws IOException {
        Path dir = blocksDir(container, name);
        return Files.isDirectory(dir) ? staged.computeIfAbsent(dir, Staged::read).uncommitted() : new Uncommitted(0, 0);
    }

    @Override
    public Properties commitBlocks(String container, String name, List<String> blockIds) throws IOException {
        Path target = blob(container, name);
        Path blocks = blocksDir(container, name);
        List<Range> ranges = new ArrayList<>();
        List<String> manifest = new ArrayList<>();
        for (String id : blockIds) {
            Path entry = blocks.resolve(blockFile(id));
            if (!Files.exists(entry)) {
                throw new InvalidBlockListException("block " + id + " was never staged");
            }
            String[] fields = Files.readString(entry).split(" ");
            String file = fields.length == 3 ? fields[2] : STAGED_DATA; // entries of earlier releases: no file
            ranges.add(new Range(blocks.resolve(file), Long.parseLong(fields[0]), Long.parseLong(fields[1])));
            manifest.add(id + " " + fields[1]);
        }
        Path temp = tempBeside(target);
        try {
            Path whole = backToBack(ranges);
            if (whole != null) {
                Files.move(whole, temp, StandardCopyOption.ATOMIC_MOVE);
                try (FileChannel file = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                    file.truncate(ranges.get(ranges.size() - 1).end()); // slots: the last block may be shorter
                }
            } else {
                LOG.debug("Blocks of {}/{} committed out of place: copying them", container, name);
                copyRanges(ranges, temp);
            }
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
        forgetStaged(container, name);
        Files.write(committedList(container, name), manifest, StandardCharsets.UTF_8);
        return properties(container, name).orElseThrow();
    }

    /** The blob's staged blocks are gone: committed, or replaced by a Put Blob. */
    private void forgetStaged(String container, String name) throws IOException {
        Path blocks = blocksDir(container, name);
        stagedEnds.remove(blocks.resolve(STAGED_DATA));
        staged.remove(blocks);
        deleteRecursively(blocks);
    }

    private record Range(Path file, long offset, long length) {
        long end() {
            return offset + length;
        }
    }

    /** The one staging file holding these blocks back to back from its start (the blob, once cut after them), or null. */
    private static Path backToBack(List<Range> ranges) {
        long end = 0;
        for (Range range : ranges) {
            if (!range.file().equals(ranges.get(0).file()) || range.offset() != end) {
                return null;
            }
            end = range.end();
        }
        return ranges.isEmpty() || !Files.exists(ranges.get(0).file()) ? null : ranges.get(0).file();
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
            try (DirectoryStream<Path> dir = Files.newDirectoryStream(blocks, LocalBlobStore::isEntry)) {
                for (Path entry : dir) {
                    String id = new String(HexFormat.of().parseHex(entry.getFileName().toString()), StandardCharsets.UTF_8);
                    uncommitted.add(new Block(id, Long.parseLong(Files.readString(entry).split(" ")[1])));
                }
            }
        }
        return new BlockList(committed, uncommitted);
    }

    private static void copyRanges(List<Range> ranges, Path target) throws IOException {
        try (FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            for (Range range : ranges) {
                try (FileChannel in = FileChannel.open(range.file(), StandardOpenOption.READ)) {
                    for (long done = 0; done < range.length(); ) {
                        done += in.transferTo(range.offset() + done, range.length() - done, out);
                    }
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
        Path dir = containerDir(container);
        stagedEnds.keySet().removeIf(data -> data.startsWith(dir));
        staged.keySet().removeIf(blocks -> blocks.startsWith(dir));
        deleteRecursively(dir);
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
    /** A staged block's entry: its id in hex, holding "offset length file". */
    private static boolean isEntry(Path path) {
        return HEX.matcher(path.getFileName().toString()).matches();
    }

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
