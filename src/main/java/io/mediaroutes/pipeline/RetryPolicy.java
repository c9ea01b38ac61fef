package io.mediaroutes.pipeline;

import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.springframework.stereotype.Component;

/**
 * Which failures are worth waiting out, and how long the server asks to wait. Transient: the Connector reference's 408,
 * 409 and 501, plus 429, 502, 503, 504, connection errors and timeouts; everything else fails at once. The waiting
 * itself is Camel's redelivery (routes/errors.camel.yaml, policy {@code transientRedelivery}); this class only answers
 * {@code onWhen}, and as the {@code onExceptionOccurred} processor turns a Retry-After into the next delay.
 */
@Component("retryPolicy")
public class RetryPolicy implements Processor {

    static final Set<Integer> TRANSIENT_STATUS = Set.of(408, 409, 429, 501, 502, 503, 504);
    private static final Duration LONGEST_RETRY_AFTER = Duration.ofMinutes(10);

    private final PipelineMetrics metrics;

    public RetryPolicy(PipelineMetrics metrics) {
        this.metrics = metrics;
    }

    /** onWhen: the failure is worth waiting out. */
    public boolean isTransient(Exchange exchange) {
        return isTransient(failure(exchange));
    }

    public boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            Integer status = statusCode(t);
            if (status != null) {
                return TRANSIENT_STATUS.contains(status);
            }
            if (t instanceof SocketException || t instanceof SocketTimeoutException || t instanceof HttpTimeoutException
                    || t instanceof TimeoutException || isConnectionLoss(t)) {
                return true;
            }
        }
        return false;
    }

    /**
     * onExceptionOccurred, which Camel runs before it computes the next delay: a Retry-After (at most ten minutes)
     * becomes that delay; without one, the policy's exponential backoff applies.
     */
    @Override
    public void process(Exchange exchange) {
        Throwable failure = failure(exchange);
        Integer status = null;
        for (Throwable t = failure; t != null && status == null; t = t.getCause()) {
            status = statusCode(t);
        }
        metrics.retry(status != null ? Integer.toString(status) : failure == null ? "unknown" : failure.getClass().getSimpleName());
        Duration retryAfter = retryAfter(failure);
        if (retryAfter == null) {
            exchange.getIn().removeHeader(Exchange.REDELIVERY_DELAY);
        } else {
            exchange.getIn().setHeader(Exchange.REDELIVERY_DELAY,
                    (retryAfter.compareTo(LONGEST_RETRY_AFTER) > 0 ? LONGEST_RETRY_AFTER : retryAfter).toMillis());
        }
    }

    /** Retry-After in seconds or as an HTTP date (RFC 9110 §10.2.3). */
    static Duration retryAfter(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String value = header(t, "Retry-After");
            if (value == null) {
                continue;
            }
            try {
                return Duration.ofSeconds(Math.max(0, Long.parseLong(value.strip())));
            } catch (NumberFormatException notSeconds) {
                try {
                    Instant at = ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                    Duration wait = Duration.between(Instant.now(), at);
                    return wait.isNegative() ? Duration.ZERO : wait;
                } catch (DateTimeParseException unreadable) {
                    return null;
                }
            }
        }
        return null;
    }

    private static Integer statusCode(Throwable t) {
        if (t instanceof HttpOperationFailedException http) {
            return http.getStatusCode();
        }
        if (t instanceof com.azure.core.exception.HttpResponseException azure && azure.getResponse() != null) {
            return azure.getResponse().getStatusCode();
        }
        return null;
    }

    private static String header(Throwable t, String name) {
        if (t instanceof HttpOperationFailedException http && http.getResponseHeaders() != null) {
            return http.getResponseHeaders().entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(Map.Entry::getValue).findFirst().orElse(null);
        }
        if (t instanceof com.azure.core.exception.HttpResponseException azure && azure.getResponse() != null) {
            return azure.getResponse().getHeaderValue(name);
        }
        return null;
    }

    /** Connection drops surface as library-specific exceptions (Apache HttpClient, Reactor Netty). */
    private static boolean isConnectionLoss(Throwable t) {
        String name = t.getClass().getSimpleName();
        return name.equals("NoHttpResponseException") || name.equals("ConnectionClosedException")
                || name.equals("PrematureCloseException") || name.equals("ConnectTimeoutException")
                || name.equals("HttpHostConnectException");
    }

    private static Throwable failure(Exchange exchange) {
        Throwable t = exchange.getException();
        return t != null ? t : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
    }
}
