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
 * With the embedded Connector service, the end of processing delivers at once (route video-ended): the Quartz poll
 * is set to an hour and never gets to.
 */
class VideoEndedTest extends AppTest {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("mediaroutes.poll.interval", () -> "3600000");
    }

    @Autowired
    CamelContext camel;

    @Test
    void theEndOfProcessingDeliversWithoutThePoll() throws Exception {
        ManagedRouteMBean poll = camel.getCamelContextExtension().getContextPlugin(ManagedCamelContext.class).getManagedRoute("poll-status");
        Await.until("the poll's first run, at start", Duration.ofSeconds(30), () -> poll.getExchangesTotal() > 0);
        TestVideos.mp4(home().resolve("drop/ended.mp4"), 1);

        Await.until("the insights, on the service's signal", Duration.ofSeconds(60),
                () -> Files.exists(home().resolve("out/ended.mp4.insights.json")));
        Await.until("the drop archived", Duration.ofSeconds(30), () -> Files.exists(home().resolve("drop/.done/ended.mp4")));
    }
}
