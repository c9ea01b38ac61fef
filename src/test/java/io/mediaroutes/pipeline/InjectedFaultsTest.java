package io.mediaroutes.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediaroutes.AppTest;
import io.mediaroutes.Await;
import io.mediaroutes.TestVideos;
import io.mediaroutes.service.FaultInjection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * With the service answering 30 % of calls with transient faults, dropped connections among them, every video
 * still arrives, once.
 */
class InjectedFaultsTest extends AppTest {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("mediaroutes.service.faults.rate", () -> "0.3");
        registry.add("mediaroutes.service.faults.kinds", () -> "408,409,429,501,503,slow,drop");
        registry.add("mediaroutes.service.faults.slow-ms", () -> "300");
        registry.add("mediaroutes.retry.max-attempts", () -> "12");
    }

    @Autowired
    FaultInjection faults;
    @Autowired
    JdbcTemplate db;

    @Test
    void everyVideoArrivesOnceThroughTransientFaults() throws Exception {
        Path clip = TestVideos.mp4(home().resolve("clip.mp4"), 1);
        for (int i = 1; i <= 4; i++) { // four videos, each with bytes of its own (else three would be duplicates)
            TestVideos.distinctCopy(clip, home().resolve("drop/clip-" + i + ".mp4"), "clip-" + i);
        }

        Await.until("four deliveries", Duration.ofSeconds(120), () -> db.queryForObject(
                "SELECT COUNT(*) FROM pipeline_job WHERE state = 'DELIVERED'", Integer.class) == 4);
        try (var out = Files.list(home().resolve("out"))) {
            assertThat(out.filter(p -> p.toString().endsWith(".insights.json"))).hasSize(4);
        }
        assertThat(home().resolve("drop/.error")).doesNotExist();
        assertThat(db.queryForObject("SELECT COUNT(*) FROM service_video", Integer.class)).as("Create Video once each").isEqualTo(4);
        System.out.println("Injected faults survived: " + faults.injected());
        assertThat(faults.injected().values().stream().mapToLong(Long::longValue).sum()).as("faults injected: " + faults.injected())
                .isGreaterThan(3);
    }
}
