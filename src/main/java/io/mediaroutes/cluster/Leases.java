package io.mediaroutes.cluster;

import jakarta.annotation.PreDestroy;
import java.lang.management.ManagementFactory;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Who works on which row of the work tables (pipeline_job, service_video), so that N identical instances share
 * one database without doing anything twice and without losing what a dead one was doing. An instance claims
 * rows with {@code SELECT ... FOR UPDATE SKIP LOCKED} (two instances never get the same row), stamps them with
 * its id and an expiry, and renews the expiry while it lives. A killed instance stops renewing, so its rows
 * become claimable when their lease runs out; a stopping instance hands its rows back at once.
 */
@Component
public class Leases {

    private static final Logger LOG = LoggerFactory.getLogger(Leases.class);
    private static final List<String> TABLES = List.of("pipeline_job", "service_video");

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final Duration ttl;
    private final String owner;

    public Leases(JdbcTemplate jdbc, PlatformTransactionManager transactions,
            ClusterProperties cluster) {
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(transactions);
        this.ttl = cluster.lease();
        String instanceId = cluster.instanceId();
        // a new id each run: a restarted instance must not renew the leases of the work its previous run dropped
        this.owner = (instanceId.isBlank() ? ManagementFactory.getRuntimeMXBean().getName() : instanceId)
                + "-" + UUID.randomUUID().toString().substring(0, 8);
        LOG.info("Instance {} holds its work for {} at a time, renewed while it runs", owner, ttl);
    }

    /** This instance's id, as written in lease_owner. */
    public String owner() {
        return owner;
    }

    /**
     * Claims up to {@code limit} rows of {@code table} that match {@code condition} and that nobody holds;
     * returns their ids, oldest first. {@code args} fill the condition's placeholders.
     */
    public List<String> claim(String table, String condition, int limit, Object... args) {
        Object[] params = Stream.concat(Stream.of(args), Stream.of(now())).toArray();
        return tx.execute(status -> {
            List<String> ids = jdbc.queryForList("SELECT id FROM " + table + " WHERE (" + condition + ")"
                    + " AND (lease_until IS NULL OR lease_until < ?) ORDER BY updated_at FETCH FIRST " + limit
                    + " ROWS ONLY FOR UPDATE SKIP LOCKED", String.class, params);
            if (!ids.isEmpty()) {
                jdbc.update("UPDATE " + table + " SET lease_owner = ?, lease_until = ? WHERE id IN (" + placeholders(ids.size()) + ")",
                        Stream.concat(Stream.of(owner, expiry()), ids.stream()).toArray());
            }
            return ids;
        });
    }

    /** "?, ?, ?" for an IN list of {@code n} values. */
    public static String placeholders(int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }

    /** Hands a row back: any instance may claim it now. */
    public void release(String table, String id) {
        jdbc.update("UPDATE " + table + " SET lease_owner = NULL, lease_until = NULL WHERE id = ? AND lease_owner = ?", id, owner);
    }

    /** The lease a row this instance has just created starts with. */
    public Timestamp expiry() {
        return Timestamp.from(Instant.now().plus(ttl));
    }

    /** Keeps this instance's rows its own while it lives (every third of the lease: two renewals may fail). */
    @Scheduled(fixedRateString = "${mediaroutes.cluster.lease-renewal:10s}")
    public void renew() {
        TABLES.forEach(table -> jdbc.update("UPDATE " + table + " SET lease_until = ? WHERE lease_owner = ?", expiry(), owner));
    }

    @PreDestroy
    public void releaseAll() {
        TABLES.forEach(table -> jdbc.update("UPDATE " + table + " SET lease_owner = NULL, lease_until = NULL WHERE lease_owner = ?", owner));
    }

    private static Timestamp now() {
        return Timestamp.from(Instant.now());
    }
}
