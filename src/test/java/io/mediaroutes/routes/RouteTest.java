package io.mediaroutes.routes;

import io.mediaroutes.pipeline.Job;
import io.mediaroutes.pipeline.JobState;
import io.mediaroutes.AppTest;
import io.mediaroutes.pipeline.JobStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.builder.AdviceWithRouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.apache.camel.test.spring.junit5.UseAdviceWith;
import org.apache.camel.util.function.ThrowingConsumer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * Routes with the Camel test kit, on the pipeline half alone (no video service, no media engines): a subclass advises
 * the routes it drives (once: the class's tests share one context), and a mock endpoint answers what the test lists
 * in {@link #answers}, call by call.
 */
@CamelSpringBootTest
@UseAdviceWith
// the duplicates check hashes the drop's file; these jobs name files that are not there (DuplicatesTest has it)
@TestPropertySource(properties = {"mediaroutes.service.enabled=false", "mediaroutes.duplicates.enabled=false"})
abstract class RouteTest extends AppTest {

    @Autowired
    CamelContext camel;
    @Autowired
    ProducerTemplate producer;
    @Autowired
    JobStore jobs;

    /** What the mocked service answers, call by call: a body, or an exception to throw. */
    final List<Object> answers = new ArrayList<>();

    /** Applies the advice the first time (then starts Camel), and resets the mocks for each test. */
    void adviseOnce(Map<String, ThrowingConsumer<AdviceWithRouteBuilder, Exception>> advice) throws Exception {
        if (!camel.getStatus().isStarted()) {
            for (var route : advice.entrySet()) {
                AdviceWith.adviceWith(camel, route.getKey(), route.getValue());
            }
            camel.start();
        }
        MockEndpoint.resetMocks(camel);
    }

    /** The mock endpoint, answering from {@link #answers}. */
    MockEndpoint answering(String mock) {
        MockEndpoint endpoint = camel.getEndpoint(mock, MockEndpoint.class);
        endpoint.whenAnyExchangeReceived(this::answer);
        return endpoint;
    }

    /** Answers with the next of {@link #answers}. */
    void answer(Exchange exchange) throws Exception {
        Object answer = answers.remove(0);
        if (answer instanceof Exception e) {
            throw e;
        }
        exchange.getMessage().setBody(answer);
    }

    /** A drop as the folder route registers it; the file lies outside the drop folder's sight. */
    Job registered(String name) throws Exception {
        Path file = Files.writeString(Files.createDirectories(home().resolve("elsewhere")).resolve(name), "stands in for a video");
        return jobs.register(name + "|" + UUID.randomUUID(), name, file.toString());
    }

    /** One Status or Index check of the job, as the poll makes it (synchronously: retries included). */
    void check(Job job) {
        producer.send("direct:check", (Exchange exchange) -> exchange.setVariable("job", jobs.find(job.id())));
    }
}
