package io.mediaroutes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The start's class list (StartupClasses) still names the classes this build has. */
class StartupClassesTest {

    @Test
    void everyListedClassStillExists() throws Exception {
        String list;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(StartupClasses.LIST)) {
            assertThat(in).as(StartupClasses.LIST + " (bench/startup-classes writes it)").isNotNull();
            list = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(list.lines().filter(l -> !l.startsWith("#")).count()).as("classes listed").isGreaterThan(5000);
        assertThat(StartupClasses.load(getClass().getClassLoader()))
                .as("listed classes this build lacks: a dependency changed; run bench/startup-classes").isEmpty();
    }
}
