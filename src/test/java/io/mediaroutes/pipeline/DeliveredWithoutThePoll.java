package io.mediaroutes.pipeline;

import io.mediaroutes.AppTest;
import io.mediaroutes.Await;
import io.mediaroutes.TestVideos;
import java.nio.file.Files;
import java.time.Duration;
import org.apache.camel.CamelContext;
import org.apache.camel.api.management.ManagedCamelContext;
import org.apache.camel.api.management.mbean.ManagedRouteMBean;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A video is delivered with the Quartz poll set to an hour, which runs once at the start and never again: the end of
 * processing reaches the pipeline another way (each subclass's mode says which).
 */
abstract class DeliveredWithoutThePoll extends AppTest {

    @DynamicPropertySource
    static void noPoll(DynamicPropertyRegistry registry) {
        registry.add("mediaroutes.poll.interval", () -> "3600000");
    }

    @Autowired
    CamelContext camel;

    @Test
    void deliveredWithoutThePoll() throws Exception {
        ManagedRouteMBean poll = camel.getCamelContextExtension().getContextPlugin(ManagedCamelContext.class).getManagedRoute("poll-status");
        Await.until("the poll's first run, at start", Duration.ofSeconds(30), () -> poll.getExchangesTotal() > 0);
        TestVideos.mp4(home().resolve("drop/ended.mp4"), 1);

        Await.until("the insights, without the poll", Duration.ofSeconds(60),
                () -> Files.exists(home().resolve("out/ended.mp4.insights.json")));
        // archived once the delivery is recorded, a moment after the sink wrote the file
        Await.until("the drop archived", Duration.ofSeconds(30), () -> Files.exists(home().resolve("drop/.done/ended.mp4")));
    }
}
