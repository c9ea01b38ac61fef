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
import org.apache.camel.http.base.HttpOperationFailedException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Decides whether a failed step is tried again and when. Transient: seed 003's 408, 409 and 501, plus 429,
 * 502, 503, 504, connection errors and timeouts. Waits grow exponentially; a Retry-After from the server wins.
 * Used by the routes as {@code retryWhile}; it sets Camel's redelivery delay header for the next attempt.
 */
@Component("retryPolicy")
public class RetryPolicy {

    static final Set<Integer> TRANSIENT_STATUS = Set.of(408, 409, 429, 501, 502, 503, 504);
    private static final Duration LONGEST_RETRY_AFTER = Duration.ofMinutes(10);

    private final int maxAttempts;
    private final Duration initialDelay;
    private final Duration maxDelay;

    public RetryPolicy(@Value("${mediaroutes.retry.max-attempts:8}") int maxAttempts,
            @Value("${mediaroutes.retry.initial-delay:1s}") Duration initialDelay,
            @Value("${mediaroutes.retry.max-delay:1m}") Duration maxDelay) {
        this.maxAttempts = maxAttempts;
        this.initialDelay = initialDelay;
        this.maxDelay = maxDelay;
    }

    /** retryWhile: true to try the failed step again after the delay this sets. */
    public boolean shouldRetry(Exchange exchange) {
        Throwable failure = failure(exchange);
        int retriesSoFar = exchange.getIn().getHeader(Exchange.REDELIVERY_COUNTER, 0, Integer.class);
        if (!isTransient(failure) || retriesSoFar + 1 >= maxAttempts) {
            return false;
        }
        exchange.getIn().setHeader(Exchange.REDELIVERY_DELAY, delay(failure, retriesSoFar).toMillis());
        return true;
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

    /** Before retry n (0-based): Retry-After if the server sent one, else initial × 2ⁿ, at most the maximum. */
    Duration delay(Throwable failure, int retriesSoFar) {
        Duration retryAfter = retryAfter(failure);
        if (retryAfter != null) {
            return retryAfter.compareTo(LONGEST_RETRY_AFTER) > 0 ? LONGEST_RETRY_AFTER : retryAfter;
        }
        long millis = initialDelay.toMillis() << Math.min(retriesSoFar, 20);
        return Duration.ofMillis(Math.min(millis, maxDelay.toMillis()));
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
