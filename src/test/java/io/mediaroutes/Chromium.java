package io.mediaroutes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Headless Chromium (Debian's package, which .ci/run installs) opening a page, for tests of what a person sees.
 * Under CI=true a missing Chromium fails the test; elsewhere the test is skipped, saying why.
 */
public final class Chromium {

    static final Path BINARY = Path.of("/usr/bin/chromium");

    private Chromium() {}

    /** The page's DOM once its scripts ran (virtual time: up to 20 s of the page's own timers and fetches). */
    public static String dom(String url) throws IOException, InterruptedException {
        return run(url, "--dump-dom");
    }

    /** A picture of the page as a person would see it, 1280x900, into {@code png}. */
    public static void screenshot(String url, Path png) throws IOException, InterruptedException {
        Files.createDirectories(png.toAbsolutePath().getParent());
        run(url, "--screenshot=" + png.toAbsolutePath(), "--window-size=1280,900", "--hide-scrollbars");
    }

    private static String run(String url, String... flags) throws IOException, InterruptedException {
        Path profile = profile();
        List<String> command = command(profile, "--virtual-time-budget=20000");
        command.addAll(List.of(flags));
        command.add(url);
        Process chromium = new ProcessBuilder(command).redirectError(profile.resolve("chromium.log").toFile()).start();
        String out = new String(chromium.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!chromium.waitFor(2, TimeUnit.MINUTES)) {
            chromium.destroyForcibly();
        }
        return out;
    }

    /** Opens the page in a fresh profile; the caller destroys the process when it has seen what it waits for. */
    public static Process open(String url) throws IOException {
        Path profile = profile();
        List<String> command = command(profile, "--disable-quic", "--autoplay-policy=no-user-gesture-required",
                "--allow-file-access-from-files");
        command.add(url);
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(profile.resolve("chromium.log").toFile()).start();
    }

    /** A fresh profile folder (its log goes there too); skips, or under CI=true fails, where Chromium is missing. */
    static Path profile() throws IOException {
        if (!Files.isExecutable(BINARY)) {
            MissingTool.skipOrFail("Chromium is not installed at " + BINARY + " (.ci/run installs Debian's chromium)");
        }
        return Files.createTempDirectory("chromium-");
    }

    /** Headless Chromium in {@code profile}, quiet (no GPU, sync, updates or sound), with {@code flags}; add the URL. */
    static List<String> command(Path profile, String... flags) {
        List<String> command = new ArrayList<>(List.of(BINARY.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--mute-audio",
                "--user-data-dir=" + profile));
        command.addAll(List.of(flags));
        return command;
    }
}
