package io.mediaroutes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Headless Chromium (Debian's package, which .ci/run installs) opening a page, for tests of what a person sees.
 * Under CI=true a missing Chromium fails the test; elsewhere the test is skipped, saying why.
 */
public final class Chromium {

    static final Path BINARY = Path.of("/usr/bin/chromium");

    private Chromium() {}

    /** Opens the page in a fresh profile; the caller destroys the process when it has seen what it waits for. */
    public static Process open(String url) throws IOException {
        if (!Files.isExecutable(BINARY)) {
            MissingTool.skipOrFail("Chromium is not installed at " + BINARY + " (.ci/run installs Debian's chromium)");
        }
        Path profile = Files.createTempDirectory("chromium-");
        return new ProcessBuilder(BINARY.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--mute-audio", "--autoplay-policy=no-user-gesture-required", "--allow-file-access-from-files",
                "--user-data-dir=" + profile, url)
                .redirectErrorStream(true).redirectOutput(profile.resolve("chromium.log").toFile()).start();
    }
}
