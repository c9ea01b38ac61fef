package io.mediaroutes.pipeline;

import io.mediaroutes.pipeline.config.DropProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Where a drop goes when its video is done: delivered drops move to the done folder; failed drops move to
 * the error folder with {@code <name>.error.json} beside them saying what failed and why. Nothing is deleted.
 * Blob drops ({@code azure-blob://} paths) do the same in their container, through {@link BlobDrop}.
 */
@Component("dropFolder")
public class DropFolder {

    private static final Logger LOG = LoggerFactory.getLogger(DropFolder.class);

    private final Path doneDir;
    private final Path errorDir;
    private final ObjectMapper json;
    private final BlobDrop blobDrop;
    private final SafeNames names;

    public DropFolder(DropProperties drop, ObjectMapper json, BlobDrop blobDrop, SafeNames names) {
        this.names = names;
        this.doneDir = drop.doneDir();
        this.errorDir = drop.errorDir();
        this.json = json;
        this.blobDrop = blobDrop;
    }

    /** Archives a delivered drop: a file or, for azure-blob:// paths, a blob of the blob drop. */
    public void archive(String path) throws IOException {
        if (BlobDrop.isBlob(path)) {
            blobDrop.archive(path);
            return;
        }
        Path moved = moveInto(Path.of(path), doneDir);
        LOG.debug("{} archived in {}", Path.of(path).getFileName(), moved); // the deliver route logs the delivery
    }

    /**
     * Moves the drop into the error folder and writes the reason beside it.
     *
     * @param step what the pipeline was doing, e.g. the job state it had reached
     */
    public void reject(String path, String step, String videoId, String reason) throws IOException {
        if (path == null) {
            LOG.error("Failed at step {} before the drop was recorded: {}", step, reason);
            return;
        }
        if (BlobDrop.isBlob(path)) {
            try {
                blobDrop.reject(path, step, videoId, reason);
            } catch (Exception e) {
                throw new IOException("could not move " + path + " to the error prefix", e);
            }
            return;
        }
        Path source = Path.of(path);
        Path moved = moveInto(source, errorDir);
        Map<String, Object> error = report("file", source.getFileName().toString(), step, videoId, reason);
        Path report = moved.resolveSibling(names.fit(moved.getFileName().toString(), ".error.json"));
        Path temp = report.resolveSibling("." + report.getFileName() + ".part");
        json.writerWithDefaultPrettyPrinter().writeValue(temp.toFile(), error);
        Files.move(temp, report, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        LOG.warn("Rejected {} at step {}: {} (see {})", source.getFileName(), step(step), reason, report);
    }

    /**
     * Why a drop can't be taken as it is, or null: a symbolic link (it could point anywhere on this machine, e.g.
     * /etc/passwd), or anything but a regular file (a FIFO, a device), which has no size to trust.
     */
    public String refusal(String path) {
        Path file = Path.of(path);
        if (Files.isSymbolicLink(file)) {
            return "The drop is a symbolic link; only regular files are taken. Copy or move the video itself into the folder.";
        }
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return "The drop is not a regular file (e.g. a pipe or a device); only regular files are taken.";
        }
        return null;
    }

    /**
     * Drops whose name holds a backslash: Camel's file component reads it as a path separator and can't open
     * them, so they would wait forever. Once they are {@code minAgeMillis} old (complete), they go to the error
     * folder with the reason.
     */
    public void rejectUnreadableNames(String dropDir, long minAgeMillis) throws IOException {
        List<Path> unreadable;
        try (Stream<Path> files = Files.list(Path.of(dropDir))) {
            unreadable = files.filter(f -> f.getFileName().toString().contains("\\") && Files.isRegularFile(f)).toList();
        }
        for (Path file : unreadable) {
            if (Files.getLastModifiedTime(file).toMillis() < System.currentTimeMillis() - minAgeMillis) {
                reject(file.toString(), "ingest-file", null,
                        "The folder drop can't read a name with a backslash (\\); rename the file and drop it again.");
            }
        }
    }

    /**
     * The step that failed, in one vocabulary for reason files and logs: {@code pick-up} (the drop itself was
     * refused), {@code create-video}, {@code upload}, {@code mark-complete}, {@code processing} (the service's work or
     * the delivery after it). Routes pass the job's state, or where they stand.
     */
    static String step(String where) {
        if (where == null || where.isEmpty() || where.startsWith("ingest-")) {
            return "pick-up";
        }
        try {
            return JobState.valueOf(where).nextStep();
        } catch (IllegalArgumentException notAState) {
            return where.toLowerCase(Locale.ROOT);
        }
    }

    /** The reason file's content, for a file or a blob drop ({@code kind} names the drop's field). */
    static Map<String, Object> report(String kind, String drop, String step, String videoId, String reason) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put(kind, drop);
        error.put("step", step(step));
        error.put("videoId", videoId);
        error.put("reason", reason);
        error.put("failedAt", Instant.now().toString());
        return error;
    }

    /** Moves a file into a folder, keeping its name, or adding a counter if that name is taken. */
    private static Path moveInto(Path file, Path dir) throws IOException {
        Files.createDirectories(dir);
        String name = file.getFileName().toString();
        Path target = dir.resolve(name);
        for (int n = 1; Files.exists(target); n++) {
            target = dir.resolve(n + "-" + name);
        }
        if (!Files.exists(file)) {
            LOG.warn("{} is gone from the drop folder; nothing to move", file);
            return target;
        }
        return Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
    }
}
