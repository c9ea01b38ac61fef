package io.mediaroutes.pipeline;

import org.apache.camel.Exchange;
import org.apache.camel.support.SynchronizationAdapter;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;

/**
 * Puts the drop's name and its video id in the logging context (MDC keys {@code drop} and {@code videoId}) while an
 * exchange works on a job, so every log line of that work says which video it is about, and takes them out when the
 * exchange is done. The routes call it where the variable {@code job} is set.
 */
@Component("logContext")
public class LogContext {

    public void of(Exchange exchange) {
        Job job = exchange.getVariable("job", Job.class);
        if (job == null) {
            return;
        }
        MDC.put("drop", job.name());
        if (job.videoId() != null) {
            MDC.put("videoId", job.videoId());
        }
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                MDC.remove("drop");
                MDC.remove("videoId");
            }
        });
    }
}
