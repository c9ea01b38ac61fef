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
