package io.mediaroutes;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads, on a thread of its own, the library classes a start is about to need, in the order it needs them, so that
 * the main thread finds most of them loaded: a start is one thread's work, and loading classes from the nested jars
 * is a third of it, which a second core can do ahead (Spring Boot's BackgroundPreinitializer does the same for a
 * few classes of its own). The list is taken from a real start by {@code bench/startup-classes}. Loading only: no
 * class is initialized here, and a name that is gone (a dependency upgraded since) is skipped.
 */
final class StartupClasses {

    static final String LIST = "META-INF/mediaroutes/startup-classes.txt";

    private StartupClasses() {}

    static void preload(ClassLoader loader) {
        Thread thread = new Thread(() -> load(loader), "startup-classes");
        thread.setDaemon(true);
        thread.start();
    }

    /** Loads the listed classes; returns the names that could not be loaded. */
    static List<String> load(ClassLoader loader) {
        List<String> missing = new ArrayList<>();
        try (InputStream list = loader.getResourceAsStream(LIST)) {
            if (list == null) {
                return missing;
            }
            BufferedReader names = new BufferedReader(new InputStreamReader(list, StandardCharsets.UTF_8));
            for (String name = names.readLine(); name != null; name = names.readLine()) {
                if (name.isBlank() || name.startsWith("#")) {
                    continue;
                }
                try {
                    Class.forName(name, false, loader);
                } catch (ClassNotFoundException | LinkageError e) {
                    missing.add(name);
                }
            }
        } catch (IOException e) {
            // a start without the head start: nothing else depends on it
        }
        return missing;
    }
}
