package io.mediaroutes.routes;

import io.mediaroutes.pipeline.Job;
import io.mediaroutes.pipeline.JobState;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The Video Indexer mode's routes with the Camel test kit: every call of indexer-call is advised into a mock
 * answering as Video Indexer does. The token is fetched once and reused; Upload Video carries the job as its
 * query; Get Video Index Processed delivers, Failed rejects with the failure message.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IndexerRoutesTest extends RouteTest {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("mediaroutes.video-service.api", () -> "videoindexer");
        registry.add("mediaroutes.indexer.account-id", () -> "acc");
        registry.add("mediaroutes.indexer.subscription-key", () -> "key");
        registry.add("mediaroutes.indexer.callback-url", () -> "");
        registry.add("mediaroutes.resume.interval", () -> "3600000");
    }

    @BeforeEach
    void advise() throws Exception {
        adviseOnce(Map.of(
                "indexer-call", route -> route.weaveByToUri(".*service.url.*").replace().to("mock:indexer"),
                "poll-status", route -> route.replaceFromWith("direct:poll"))); // the test checks, not the timer
        answering("mock:indexer");
    }

    @Test
    @Order(1) // the first call of all fetches the token; it is cached for 50 minutes
    void uploadsWithOneTokenThenDeliversAProcessedIndex() throws Exception {
        answers.addAll(List.of("\"token-1\"", "{\"id\":\"a1b2c3d4e5\",\"state\":\"Uploaded\"}", "{\"id\":\"f6a7b8c9d0\",\"state\":\"Uploaded\"}"));
        MockEndpoint indexer = camel.getEndpoint("mock:indexer", MockEndpoint.class);

        Job first = ingest("first clip.mp4");
        Job second = ingest("second.mp4");

        List<Exchange> calls = indexer.getReceivedExchanges();
        assertThat(calls).hasSize(3);
        assertThat(uri(calls.get(0))).endsWith("/auth/trial/Accounts/acc/AccessToken?allowEdit=true");
        assertThat(calls.get(0).getIn().getHeader("Ocp-Apim-Subscription-Key")).isEqualTo("key");
        assertThat(uri(calls.get(1))).contains("/trial/Accounts/acc/Videos?accessToken=token-1&name=first%20clip.mp4&privacy=Private&externalId=" + first.id());
        assertThat(calls.get(1).getIn().getHeader(Exchange.HTTP_METHOD)).isEqualTo("POST");
        assertThat(uri(calls.get(2))).as("the cached token").contains("accessToken=token-1&name=second.mp4");
        assertThat(jobs.find(first.id())).extracting(Job::videoId, Job::state).containsExactly("a1b2c3d4e5", JobState.PROCESSING);

        answers.add("{\"id\":\"a1b2c3d4e5\",\"name\":\"first clip.mp4\",\"state\":\"Processed\",\"videos\":[]}");
        check(first);

        assertThat(uri(calls.get(3))).contains("/trial/Accounts/acc/Videos/a1b2c3d4e5/Index?accessToken=token-1");
        assertThat(home().resolve("out/first clip.mp4.insights.json")).exists();
        assertThat(jobs.find(first.id()).state()).isEqualTo(JobState.DELIVERED);
        assertThat(jobs.find(second.id()).state()).isEqualTo(JobState.PROCESSING);
    }

    @Test
    @Order(2)
    void aFailedIndexRejectsTheDropWithItsFailureMessage() throws Exception {
        answers.add("{\"id\":\"0a0b0c0d0e\",\"state\":\"Uploaded\"}"); // the token is cached
        Job job = ingest("broken.mp4");
        answers.add("{\"id\":\"0a0b0c0d0e\",\"state\":\"Failed\",\"videos\":[{\"failureMessage\":\"The file is corrupted\"}]}");

        check(job);

        assertThat(jobs.find(job.id()).state()).isEqualTo(JobState.FAILED);
        assertThat(Files.readString(home().resolve("drop/.error/broken.mp4.error.json")))
                .contains("Video Indexer could not index the video: The file is corrupted");
    }

    private static String uri(Exchange call) {
        return call.getIn().getHeader(Exchange.HTTP_URI, String.class);
    }

    private Job ingest(String name) throws Exception {
        Job job = registered(name);
        producer.sendBody("direct:ingest", job);
        return job;
    }
}
