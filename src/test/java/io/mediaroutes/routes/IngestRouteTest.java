package io.mediaroutes.routes;

import io.mediaroutes.pipeline.Job;
import io.mediaroutes.pipeline.JobState;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The ingest route alone, with the Camel test kit: the service and the uploader are advised into mocks, so each
 * branch (transient failure with Retry-After, permanent failure, a lost connection while uploading, a resumed
 * ingest, success) runs in well under a second of its own.
 */
class IngestRouteTest extends RouteTest {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("mediaroutes.retry.max-attempts", () -> "3");
        registry.add("mediaroutes.retry.initial-delay", () -> "10ms");
        registry.add("mediaroutes.resume.interval", () -> "3600000"); // the test drives the route, not the resume timer
    }

    final List<Long> callTimes = new ArrayList<>();

    @BeforeEach
    void advise() throws Exception {
        adviseOnce(Map.of(
                "connector-call", route -> route.weaveByToUri(".*/api/Videos").replace().to("mock:service"),
                "ingest", route -> route.weaveById("upload").replace().to("mock:upload"),
                "poll-status", route -> route.replaceFromWith("direct:poll"))); // no Status poll to share the mock with
    }

    @Test
    void aTransientFailureIsRetriedAfterItsRetryAfterThenTheIngestGoesOn() throws Exception {
        answers.add(new HttpOperationFailedException("http://svc/api/Videos", 503, "Busy", null, Map.of("Retry-After", "1"), ""));
        answers.add("{\"Id\":\"" + UUID.randomUUID() + "\",\"UploadUri\":\"http://svc/blob/x?sig=1\"}");
        answers.add(""); // MarkComplete
        MockEndpoint service = serviceMock(3);
        camel.getEndpoint("mock:upload", MockEndpoint.class).expectedMessageCount(1);

        Job job = ingest("retried.mp4");

        MockEndpoint.assertIsSatisfied(camel);
        assertThat(callTimes.get(1) - callTimes.get(0)).as("waited the Retry-After, not the 10 ms backoff").isGreaterThanOrEqualTo(900);
        assertThat(service.getReceivedExchanges().get(2).getIn().getHeader(Exchange.HTTP_PATH, String.class)).endsWith("/MarkComplete");
        assertThat(jobs.find(job.id()).state()).isEqualTo(JobState.PROCESSING);
    }

    @Test
    void aPermanentFailureIsNotRetriedAndTheDropGoesToTheErrorFolder() throws Exception {
        answers.add(new HttpOperationFailedException("http://svc/api/Videos", 400, "Bad Request", null, Map.of(), "bad extension"));
        serviceMock(1);
        camel.getEndpoint("mock:upload", MockEndpoint.class).expectedMessageCount(0);

        ingest("refused.mp4");

        MockEndpoint.assertIsSatisfied(camel);
        assertThat(home().resolve("drop/.error/refused.mp4.error.json")).exists();
        assertThat(Files.readString(home().resolve("drop/.error/refused.mp4.error.json"))).contains("HTTP 400").contains("bad extension");
    }

    @Test
    void aConflictOnMarkCompleteIsRetriedAndTheUploadIsNotRepeated() throws Exception {
        answers.add("{\"Id\":\"" + UUID.randomUUID() + "\",\"UploadUri\":\"http://svc/blob/x?sig=1\"}");
        answers.add(new HttpOperationFailedException("http://svc/api/Videos", 409, "Conflict", null, Map.of(), "in progress"));
        answers.add(""); // MarkComplete, again
        serviceMock(3);
        camel.getEndpoint("mock:upload", MockEndpoint.class).expectedMessageCount(1);

        Job job = ingest("conflict.mp4");

        MockEndpoint.assertIsSatisfied(camel);
        assertThat(jobs.find(job.id()).state()).isEqualTo(JobState.PROCESSING);
    }

    @Test
    void aResumedIngestAsksForItsVideoAgainForAFreshUploadUriAndCreatesNoSecondVideo() throws Exception {
        String videoId = UUID.randomUUID().toString();
        answers.add("{\"Id\":\"" + videoId + "\",\"UploadUri\":\"http://svc/blob/x?sig=fresh\"}"); // Get Video
        answers.add(""); // MarkComplete
        MockEndpoint service = serviceMock(2);
        camel.getEndpoint("mock:upload", MockEndpoint.class).expectedMessageCount(1);
        Job job = jobs.created(registered("resumed.mp4"), Map.of("Id", videoId, "UploadUri", "http://svc/blob/x?sig=expired")); // what the killed run got

        producer.send("direct:ingest", exchange -> {
            exchange.getMessage().setBody(jobs.find(job.id()));
            exchange.setVariable("resumed", true); // as resume-ingest sends it
        });

        MockEndpoint.assertIsSatisfied(camel);
        assertThat(service.getReceivedExchanges().get(0).getIn().getHeader(Exchange.HTTP_METHOD)).isEqualTo("GET");
        assertThat(service.getReceivedExchanges().get(0).getIn().getHeader(Exchange.HTTP_PATH, String.class)).isEqualTo("/" + videoId);
        assertThat(jobs.find(job.id())).extracting(Job::uploadUri, Job::state).containsExactly("http://svc/blob/x?sig=fresh", JobState.PROCESSING);
    }

    @Test
    void aTransientUploadFailureIsRetriedAndTheVideoIsCreatedOnce() throws Exception {
        answers.add("{\"Id\":\"" + UUID.randomUUID() + "\",\"UploadUri\":\"http://svc/blob/x?sig=1\"}");
        answers.add(""); // MarkComplete
        MockEndpoint service = serviceMock(2);
        MockEndpoint upload = camel.getEndpoint("mock:upload", MockEndpoint.class);
        upload.expectedMessageCount(2);
        upload.whenExchangeReceived(1, e -> { throw new java.net.SocketException("Connection reset"); });

        Job job = ingest("reset.mp4");

        MockEndpoint.assertIsSatisfied(camel);
        assertThat(service.getReceivedExchanges()).extracting(e -> e.getIn().getHeader(Exchange.HTTP_METHOD)).containsExactly("POST", "POST");
        assertThat(jobs.find(job.id()).state()).isEqualTo(JobState.PROCESSING);
    }

    @Test
    void aJobCarriedStaleCannotMoveItsRowOutOfAStateThatDoesNotAllowIt() throws Exception {
        Job created = jobs.created(registered("stale.mp4"), Map.of("Id", UUID.randomUUID().toString(), "UploadUri", "http://svc/blob/x?sig=1"));
        jobs.failed(created, "given up elsewhere");

        assertThatThrownBy(() -> jobs.uploaded(created)).hasMessageContaining("can't go from FAILED to UPLOADED");
        assertThat(jobs.find(created.id()).state()).isEqualTo(JobState.FAILED);
    }

    private MockEndpoint serviceMock(int calls) {
        MockEndpoint service = camel.getEndpoint("mock:service", MockEndpoint.class);
        service.expectedMessageCount(calls);
        service.whenAnyExchangeReceived(exchange -> {
            callTimes.add(System.currentTimeMillis());
            answer(exchange);
        });
        return service;
    }

    /** A drop as the folder route registers it, sent through direct:ingest (synchronous: retries included). */
    private Job ingest(String name) throws Exception {
        Job job = registered(name);
        producer.sendBody("direct:ingest", job);
        return job;
    }
}
