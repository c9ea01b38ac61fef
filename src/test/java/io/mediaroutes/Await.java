package io.mediaroutes;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.NotifyBuilder;
import org.springframework.jdbc.core.JdbcTemplate;

/** Waits for something a user would see, failing with a message when it does not come in time. */
public final class Await {

    private Await() {}

    public static void until(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out after " + timeout.toSeconds() + " s waiting for: " + what);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for: " + what);
            }
        }
    }

    /**
     * Waits until route {@code routeId} of this app has completed {@code runs} more exchanges, counted from now:
     * "nothing more happened" is then checked after that much real work, not after a guessed time.
     */
    public static void moreRuns(CamelContext camel, String routeId, int runs) {
        NotifyBuilder notify = new NotifyBuilder(camel).fromRoute(routeId).whenCompleted(runs).create();
        if (!notify.matches(60, TimeUnit.SECONDS)) {
            throw new AssertionError("Timed out after 60 s waiting for " + runs + " more runs of route " + routeId);
        }
    }

    /**
     * Waits until the clustered Quartz scheduler in this database has fired the Status poll {@code polls} more times
     * (on whichever instance): for apps in other processes, whose Camel is out of reach.
     */
    public static void morePolls(JdbcTemplate db, int polls) {
        Set<Long> fired = new HashSet<>();
        until(polls + " more Status polls", Duration.ofSeconds(60), () -> {
            fired.add(db.queryForObject("SELECT MAX(prev_fire_time) FROM qrtz_triggers", Long.class));
            return fired.size() > polls;
        });
    }
}
