package io.mediaroutes.pipeline;

import org.apache.camel.Exchange;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.springframework.stereotype.Component;

/** One readable line for an error file: for an HTTP failure the status and what the service said. */
@Component("failureReason")
public class FailureReason {

    private static final int MAX_BODY = 500;

    public String describe(Exchange exchange) {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        return failure == null ? "unknown failure" : describe(failure);
    }

    public static String describe(Throwable failure) {
        if (failure instanceof HttpOperationFailedException http) {
            String said = http.getResponseBody() == null ? "" : http.getResponseBody()
                    .replaceAll("<[^>]*>", " ").replaceAll("\\s+", " ").strip();
            if (said.length() > MAX_BODY) {
                said = said.substring(0, MAX_BODY) + "…";
            }
            return "HTTP " + http.getStatusCode() + " from " + http.getUri() + (said.isEmpty() ? "" : ": " + said);
        }
        String message = failure.getMessage();
        return failure.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
