package io.mediaroutes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The two halves as two apps: the service alone (profile service: no routes, no drop folder, no poll) and the pipeline
 * alone (profile pipeline) calling it over HTTP. The service calls the pipeline back when a video ends, as it would
 * from another machine, and that alone delivers: the pipeline's Status poll runs once at its start and not again.
 */
class TwoHalvesTest {

    @Test
    void aPipelineAloneDeliversThroughAServiceAloneThatCallsItBack() throws Exception {
        int servicePort = freePort();
        int pipelinePort = freePort();
        Path serviceHome = AppTestSupport.newHome("service-alone");
        Path pipelineHome = AppTestSupport.newHome("pipeline-alone");
        String callback = "127.0.0.1:" + pipelinePort + "/pipeline/video-ended";
        try (ConfigurableApplicationContext service = AppTestSupport.start(serviceHome, Map.of("spring.profiles.active", "service",
                "server.port", Integer.toString(servicePort), "MEDIAROUTES_CALLBACK_URL", "http://" + callback,
                "mediaroutes.service.fetch.allow", callback));
                ConfigurableApplicationContext pipeline = AppTestSupport.start(pipelineHome, Map.of("spring.profiles.active", "pipeline",
                        "server.port", Integer.toString(pipelinePort), "MEDIAROUTES_VIDEO_SERVICE_URL", "http://127.0.0.1:" + servicePort,
                        "mediaroutes.poll.interval", "3600000"))) {
            assertThat(service.getBean(CamelContext.class).getRoutes()).as("the service's routes").isEmpty();
            assertThat(service.containsBean("jobs")).as("the pipeline's beans in the service").isFalse();
            assertThat(serviceHome.resolve("drop")).as("a drop folder for the service").doesNotExist();
            assertThat(pipeline.containsBean("videoController")).as("the service's beans in the pipeline").isFalse();

            TestVideos.mp4(pipelineHome.resolve("drop/apart.mp4"), 1);

            Await.until("the insights, by the service's callback", Duration.ofSeconds(60),
                    () -> Files.exists(pipelineHome.resolve("out/apart.mp4.insights.json")));
            assertThat(new ObjectMapper().readTree(pipelineHome.resolve("out/apart.mp4.insights.json").toFile())
                    .get("durationInSeconds").asInt()).isEqualTo(1);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
