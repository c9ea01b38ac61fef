package io.mediaroutes.insights.vision;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A vision home whose "node" writes {@code stderr} and exits at once: a worker that cannot start. */
public final class BrokenWorkers {

    private BrokenWorkers() {}

    public static Path home(Path dir, String stderr) throws IOException {
        Path node = Files.createDirectories(dir.resolve("runtime/node/bin")).resolve("node");
        Files.writeString(node, "#!/bin/sh\necho '" + stderr + "' >&2\nexit 3\n");
        node.toFile().setExecutable(true);
        Files.createDirectories(dir.resolve("node_modules/@vladmandic/human/models"));
        return dir;
    }
}
