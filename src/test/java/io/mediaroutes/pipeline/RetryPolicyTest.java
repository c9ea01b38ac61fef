package io.mediaroutes.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    final RetryPolicy policy = new RetryPolicy(4, Duration.ofSeconds(1), Duration.ofSeconds(5));

    @Test
    void seed003sTransientCodesAndLostConnectionsAreTransientOthersAreNot() {
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
    void backoffDoublesUpToTheMaximum() {
        Throwable busy = http(503, Map.of());
        assertThat(policy.delay(busy, 0)).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.delay(busy, 1)).isEqualTo(Duration.ofSeconds(2));
        assertThat(policy.delay(busy, 2)).isEqualTo(Duration.ofSeconds(4));
        assertThat(policy.delay(busy, 3)).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void retryAfterWinsInSecondsOrAsAnHttpDate() {
        assertThat(policy.delay(http(429, Map.of("Retry-After", "30")), 0)).isEqualTo(Duration.ofSeconds(30));
        String inTwentySeconds = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(20));
        assertThat(policy.delay(http(503, Map.of("retry-after", inTwentySeconds)), 0))
                .isBetween(Duration.ofSeconds(18), Duration.ofSeconds(20));
    }

    @Test
    void shouldRetrySetsCamelsDelayHeaderAndGivesUpAfterMaxAttempts() {
        CamelContext camel = new DefaultCamelContext();
        Exchange exchange = new DefaultExchange(camel);
        exchange.setException(http(503, Map.of("Retry-After", "3")));

        assertThat(policy.shouldRetry(exchange)).isTrue();
        assertThat(exchange.getIn().getHeader(Exchange.REDELIVERY_DELAY, Long.class)).isEqualTo(3000L);

        exchange.getIn().setHeader(Exchange.REDELIVERY_COUNTER, 3);
        assertThat(policy.shouldRetry(exchange)).as("4th failure of 4 attempts").isFalse();

        exchange.getIn().setHeader(Exchange.REDELIVERY_COUNTER, 0);
        exchange.setException(http(400, Map.of()));
        assertThat(policy.shouldRetry(exchange)).isFalse();
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
