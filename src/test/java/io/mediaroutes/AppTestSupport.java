package io.mediaroutes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;

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

    /** Properties that point the app at {@code home} and make the pipeline quick enough for tests. */
    public static Map<String, String> properties(Path home) {
        return Map.ofEntries(
                Map.entry("spring.datasource.url", "jdbc:h2:file:" + home.resolve("data/mediaroutes") + ";DB_CLOSE_ON_EXIT=FALSE"),
                Map.entry("mediaroutes.service.data-dir", home.resolve("data").toString()),
                Map.entry("mediaroutes.insights.model-cache", home.resolve("data/models").toString()),
                Map.entry("mediaroutes.storage.local.dir", home.resolve("data/blobs").toString()),
                Map.entry("mediaroutes.drop.dir", home.resolve("drop").toString()),
                Map.entry("mediaroutes.drop.done-dir", home.resolve("drop/.done").toString()),
                Map.entry("mediaroutes.drop.error-dir", home.resolve("drop/.error").toString()),
                Map.entry("mediaroutes.drop.min-age", "200"),
                Map.entry("mediaroutes.drop.poll-delay", "200"),
                Map.entry("mediaroutes.drop.unreadable-interval", "500"),
                Map.entry("mediaroutes.out.dir", home.resolve("out").toString()),
                Map.entry("mediaroutes.deliver.dead-letter-dir", home.resolve("dead-letter").toString()),
                Map.entry("mediaroutes.poll.interval", "300"),
                Map.entry("mediaroutes.retry.initial-delay", "100ms"),
                Map.entry("mediaroutes.retry.max-delay", "1s"),
                Map.entry("mediaroutes.retry.max-attempts", "4"),
                Map.entry("mediaroutes.service.processing.poll-interval", "100"),
                Map.entry("spring.jmx.unique-names", "true")); // several apps in one test JVM
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

    public static void register(DynamicPropertyRegistry registry, Path home) {
        properties(home).forEach((k, v) -> registry.add(k, () -> v));
    }
}
