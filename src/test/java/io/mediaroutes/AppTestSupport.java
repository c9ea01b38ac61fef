package io.mediaroutes;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Runs the whole app against folders of its own: database, blobs, drop and out under one temp home. */
public final class AppTestSupport {

    private AppTestSupport() {}

    public static Path newHome(String name) {
        try {
            return Files.createTempDirectory("mediaroutes-" + name + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The properties of app-test.properties with the folder filled in: the app at {@code home}, quick enough for tests. */
    public static Map<String, String> properties(Path home) {
        Properties template = new Properties();
        try (InputStream in = AppTestSupport.class.getResourceAsStream("/app-test.properties")) {
            template.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> properties = new HashMap<>();
        template.forEach((key, value) -> properties.put((String) key, ((String) value).replace("${mediaroutes.test.home}", home.toString())));
        return properties;
    }

    /** The service's Video Indexer account, given (not generated), which the embedded default passes on to the pipeline. */
    public static final String ACCOUNT_ID = "5f0a8b2e-3c1d-4e6f-9a7b-1c2d3e4f5a6b";

    /** Video Indexer mode against this app's own service, with the account above. */
    public static Map<String, String> videoIndexerMode() {
        return Map.of("mediaroutes.video-service.api", "videoindexer", "mediaroutes.service.account-id", ACCOUNT_ID,
                "mediaroutes.service.subscription-key", "0123456789abcdef0123456789abcdef");
    }

    /** Short leases and quick resumes, so a test that kills an instance sees the takeover within seconds. */
    public static Map<String, String> quickTakeover() {
        return Map.of("mediaroutes.cluster.lease", "3s", "mediaroutes.cluster.lease-renewal", "1s",
                "mediaroutes.resume.interval", "1000");
    }

    /**
     * Starts the whole app on a free port with {@link #properties} plus {@code extra}, passed as command-line
     * arguments (which win over config/application.yaml, as an operator's would). Close it to stop it.
     */
    public static ConfigurableApplicationContext start(Path home, Map<String, String> extra) {
        Map<String, String> props = new HashMap<>(properties(home));
        props.put("server.port", "0");
        props.putAll(extra);
        String[] args = props.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        return new SpringApplicationBuilder(MediaRoutesApplication.class).run(args);
    }
}
