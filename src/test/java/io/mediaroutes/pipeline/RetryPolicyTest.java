package io.mediaroutes.pipeline;

import io.mediaroutes.pipeline.config.RetryProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.processor.errorhandler.RedeliveryPolicy;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    final RetryPolicy policy = new RetryPolicy(new PipelineMetrics(new SimpleMeterRegistry(), null));

    @Test
    void theConnectorReferencesTransientCodesAndLostConnectionsAreTransientOthersAreNot() {
        for (int status : new int[] {408, 409, 429, 501, 502, 503, 504}) {
            assertThat(policy.isTransient(http(status, Map.of()))).as("HTTP %d", status).isTrue();
        }
        for (int status : new int[] {400, 401, 403, 404, 413, 415, 500}) {
            assertThat(policy.isTransient(http(status, Map.of()))).as("HTTP %d", status).isFalse();
        }
        assertThat(policy.isTransient(new IOException("wrapped", new ConnectException("refused")))).isTrue();
        assertThat(policy.isTransient(new SocketTimeoutException())).isTrue();
        assertThat(policy.isTransient(new IllegalArgumentException("bad"))).isFalse();
    }

    @Test
    void camelsBackoffDoublesUpToTheMaximumOverTheConfiguredAttempts() {
        RedeliveryPolicy backoff = new PipelineConfig().transientRedelivery(new RetryProperties(4, Duration.ofSeconds(1), Duration.ofSeconds(5)));
        assertThat(backoff.getMaximumRedeliveries()).as("4 attempts: the first and 3 redeliveries").isEqualTo(3);
        long delay = 0;
        long[] delays = new long[4];
        for (int n = 1; n <= 4; n++) {
            delays[n - 1] = delay = backoff.calculateRedeliveryDelay(delay, n);
        }
        assertThat(delays).containsExactly(1000, 2000, 4000, 5000);
    }

    @Test
    void aRetryAfterBecomesCamelsNextDelayInSecondsOrAsAnHttpDate() {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.setException(http(429, Map.of("Retry-After", "30")));
        policy.process(exchange);
        assertThat(exchange.getIn().getHeader(Exchange.REDELIVERY_DELAY, Long.class)).isEqualTo(30_000L);

        String inTwentySeconds = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(20));
        exchange.setException(http(503, Map.of("retry-after", inTwentySeconds)));
        policy.process(exchange);
        assertThat(exchange.getIn().getHeader(Exchange.REDELIVERY_DELAY, Long.class)).isBetween(18_000L, 20_000L);

        exchange.setException(http(503, Map.of()));
        policy.process(exchange);
        assertThat(exchange.getIn().getHeader(Exchange.REDELIVERY_DELAY)).as("no Retry-After: the backoff decides").isNull();
    }

    @Test
    void failureReasonsQuoteWhatTheServiceSaid() {
        String reason = FailureReason.describe(new HttpOperationFailedException("http://svc/api/Videos", 400, "Bad Request",
                null, Map.of(), "<h1>Error</h1> <td>you must provide CORRECT extension.</td>"));
        assertThat(reason).isEqualTo("HTTP 400 from http://svc/api/Videos: Error you must provide CORRECT extension.");
    }

    private static HttpOperationFailedException http(int status, Map<String, String> headers) {
        return new HttpOperationFailedException("http://svc/api/Videos", status, "status " + status, null, headers, "");
    }
}
