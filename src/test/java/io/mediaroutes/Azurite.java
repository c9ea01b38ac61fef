package io.mediaroutes;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Azurite's blob service, from the npm package the build installs into target/azurite, on a free port with
 * its own folder. Under CI=true a missing Azurite fails the test; elsewhere the test is skipped, saying why.
 */
public final class Azurite implements AutoCloseable {

    static final Path BINARY = Path.of("target/azurite/node_modules/.bin/azurite-blob");
    public static final String KEY = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private final Process process;
    private final int port;

    private Azurite(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public static Azurite start() throws IOException {
        if (!Files.isExecutable(BINARY)) {
            MissingTool.skipOrFail("Azurite is not installed at " + BINARY + " (mvn verify installs it from npm)");
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path location = Files.createTempDirectory("azurite-");
        Process process = new ProcessBuilder(BINARY.toString(), "--blobHost", "127.0.0.1", "--blobPort", Integer.toString(port),
                "--location", location.toString(), "--skipApiVersionCheck", "--loose", "--disableTelemetry", "--silent")
                .redirectErrorStream(true).redirectOutput(location.resolve("azurite.log").toFile()).start();
        Azurite azurite = new Azurite(process, port);
        Await.until("Azurite listening on " + port, Duration.ofSeconds(30), azurite::listening);
        return azurite;
    }

    public int port() {
        return port;
    }

    public String connectionString() {
        return "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=" + KEY
                + ";BlobEndpoint=http://127.0.0.1:" + port + "/devstoreaccount1;";
    }

    private boolean listening() {
        if (!process.isAlive()) {
            throw new IllegalStateException("Azurite exited with " + process.exitValue());
        }
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        process.destroy();
    }
}
