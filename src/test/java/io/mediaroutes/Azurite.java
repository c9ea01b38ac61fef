package io.mediaroutes;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One of Azurite's services (blob or queue), from the npm package the build installs into target/azurite, on a free
 * port with its own folder; with {@link #withOAuth}, over HTTPS (the build's test certificate) taking Entra ID bearer
 * tokens ({@code --oauth basic}: Azurite checks their issuer, audience and times, not their signature). Under CI=true
 * a missing Azurite fails the test; elsewhere the test is skipped, saying why.
 */
public final class Azurite implements AutoCloseable {

    public static final String KEY = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    /** The build's test certificate and key (pom.xml, profile test-tls). */
    public static final Path TLS_KEYSTORE = Path.of("target/test-tls-localhost.p12");

    private final Process process;
    private final String service;
    private final int port;
    private final boolean https;

    private Azurite(Process process, String service, int port, boolean https) {
        this.process = process;
        this.service = service;
        this.port = port;
        this.https = https;
    }

    /** The blob service over HTTP, with the well-known account key. */
    public static Azurite start() throws IOException {
        return start("blob", false);
    }

    /** The queue service over HTTP, with the well-known account key. */
    public static Azurite startQueue() throws IOException {
        return start("queue", false);
    }

    /** The blob or queue service over HTTPS, taking bearer tokens as Azure Storage does. */
    public static Azurite withOAuth(String service) throws IOException {
        return start(service, true);
    }

    private static Azurite start(String service, boolean oauth) throws IOException {
        Path binary = Path.of("target/azurite/node_modules/.bin/azurite-" + service);
        if (!Files.isExecutable(binary)) {
            MissingTool.skipOrFail("Azurite is not installed at " + binary + " (mvn verify installs it from npm)");
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path location = Files.createTempDirectory("azurite-");
        List<String> command = new ArrayList<>(List.of(binary.toString(), "--" + service + "Host", "127.0.0.1",
                "--" + service + "Port", Integer.toString(port), "--location", location.toString(), "--skipApiVersionCheck",
                "--loose", "--disableTelemetry", "--silent"));
        if (oauth) {
            command.addAll(List.of("--oauth", "basic", "--cert", TLS_KEYSTORE.toString(), "--pwd", "changeit"));
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(location.resolve("azurite.log").toFile()).start();
        Azurite azurite = new Azurite(process, service, port, oauth);
        Await.until("Azurite " + service + " listening on " + port, Duration.ofSeconds(30), azurite::listening);
        return azurite;
    }

    public int port() {
        return port;
    }

    /** The account's endpoint: http(s)://127.0.0.1:port/devstoreaccount1. */
    public String endpoint() {
        return (https ? "https" : "http") + "://127.0.0.1:" + port + "/devstoreaccount1";
    }

    public String connectionString() {
        return "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=" + KEY + ";"
                + (service.equals("blob") ? "BlobEndpoint=" : "QueueEndpoint=") + endpoint() + ";";
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
