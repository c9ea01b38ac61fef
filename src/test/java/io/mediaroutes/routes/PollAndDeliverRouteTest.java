package io.mediaroutes.routes;

import io.mediaroutes.pipeline.Job;
import io.mediaroutes.pipeline.JobState;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The Status check and the delivery, with the Camel test kit: the service is advised into a mock answering
 * Status and Index, the sinks are the file sink and two mocks. Each branch: Completed and delivered, a sink down
 * then back (only it gets the next delivery), a sink whose predicate skips the video, Failed, Status unavailable.
 */
class PollAndDeliverRouteTest extends RouteTest {

    static final String INDEX = "{\"id\":\"%s\",\"name\":\"%s\",\"state\":\"Processed\",\"durationInSeconds\":5,\"videos\":[]}";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("camel.main.routes-include-pattern", () -> "file:routes/*.camel.yaml,classpath:routes/test-route-sinks.camel.yaml");
        registry.add("mediaroutes.deliver.sinks", () -> "direct:file-out,direct:flaky-out,direct:long-out");
        registry.add("mediaroutes.deliver.sink-retries", () -> "1");
    }

    @BeforeEach
    void advise() throws Exception {
        adviseOnce(Map.of(
                "connector-call", route -> route.weaveByToUri(".*/api/Videos").replace().to("mock:service"),
                "poll-status", route -> route.replaceFromWith("direct:poll"))); // the test checks, not the timer
        answering("mock:service");
    }

    @Test
    void aCompletedVideoIsDeliveredAndASinkThatWasDownGetsItAtTheNextCheckAlone() throws Exception {
        Job job = processingJob("twice.mp4");
        MockEndpoint flaky = camel.getEndpoint("mock:flaky", MockEndpoint.class);
        flaky.whenExchangeReceived(1, e -> { throw new IllegalStateException("receiver down"); });
        flaky.whenExchangeReceived(2, e -> { throw new IllegalStateException("receiver down"); }); // its one retry
        answers.addAll(List.of("{\"StatusCode\":2}", index(job)));

        check(job);

        assertThat(home().resolve("out/twice.mp4.insights.json")).exists();
        assertThat(jobs.find(job.id()).state()).as("waits for the sink still missing").isEqualTo(JobState.PROCESSING);
        assertThat(home().resolve("dead-letter/flaky-out/twice.mp4.json")).as("the refused payload").exists();

        Files.delete(home().resolve("out/twice.mp4.insights.json"));
        answers.addAll(List.of("{\"StatusCode\":2}", index(job)));
        check(job);

        assertThat(flaky.getReceivedCounter()).isEqualTo(3);
        assertThat(flaky.getReceivedExchanges().get(2).getMessage().getHeader("videoId")).isEqualTo(job.videoId());
        assertThat(home().resolve("out/twice.mp4.insights.json")).as("the file sink had it already").doesNotExist();
        assertThat(jobs.find(job.id()).state()).isEqualTo(JobState.DELIVERED);
        assertThat(home().resolve("drop/.done/twice.mp4")).as("archived").exists();
    }

    @Test
    void aSinkWhosePredicateSaysNoIsSkippedAndDoesNotHoldTheDeliveryUp() throws Exception {
        Job job = processingJob("short.mp4");
        camel.getEndpoint("mock:long", MockEndpoint.class).expectedMessageCount(0);
        camel.getEndpoint("mock:flaky", MockEndpoint.class).expectedMessageCount(1);
        answers.addAll(List.of("{\"StatusCode\":2}", index(job)));

        check(job);

        MockEndpoint.assertIsSatisfied(camel);
        assertThat(jobs.find(job.id()).state()).isEqualTo(JobState.DELIVERED);
    }

    @Test
    void aFailedVideoRejectsItsDropWithTheServicesMessage() throws Exception {
        Job job = processingJob("broken.mp4");
        answers.add("{\"StatusCode\":3,\"Message\":\"Invalid data found when processing input\"}");

        check(job);

        assertThat(jobs.find(job.id()).state()).isEqualTo(JobState.FAILED);
        assertThat(Files.readString(home().resolve("drop/.error/broken.mp4.error.json")))
                .contains("The service could not process the video: Invalid data found when processing input");
    }

    @Test
    void anUnavailableStatusWaitsForTheNextCheck() throws Exception {
        Job job = processingJob("later.mp4");
        answers.add(new HttpOperationFailedException("http://svc/api/Videos", 503, "Busy", null, Map.of(), ""));

        check(job);

        assertThat(jobs.find(job.id()).state()).isEqualTo(JobState.PROCESSING);
        assertThat(home().resolve("drop/.error/later.mp4.error.json")).doesNotExist();
        assertThat(home().resolve("elsewhere/later.mp4")).as("the drop stays").exists();
    }

    @Test
    void anIndexUnavailableAfterCompletedWaitsForTheNextCheck() throws Exception {
        Job job = processingJob("index-later.mp4");
        answers.addAll(List.of("{\"StatusCode\":2}", new HttpOperationFailedException("http://svc/api/Videos", 502, "Bad Gateway", null, Map.of(), "")));

        check(job);

        assertThat(jobs.find(job.id()).state()).isEqualTo(JobState.PROCESSING);
        assertThat(home().resolve("out/index-later.mp4.insights.json")).doesNotExist();

        answers.addAll(List.of("{\"StatusCode\":2}", index(job)));
        check(job);
        assertThat(jobs.find(job.id()).state()).isEqualTo(JobState.DELIVERED);
    }

    /** A drop whose video the service is processing, as the ingest leaves it. */
    private Job processingJob(String name) throws Exception {
        Job job = registered(name);
        jobs.created(job, Map.of("Id", UUID.randomUUID().toString()));
        return jobs.processing(jobs.find(job.id()));
    }

    private String index(Job job) {
        return String.format(INDEX, job.videoId(), job.name());
    }
}
