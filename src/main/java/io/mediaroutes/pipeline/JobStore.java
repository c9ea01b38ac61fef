package io.mediaroutes.pipeline;

import io.mediaroutes.config.PollProperties;
import io.mediaroutes.config.IndexerProperties;
import io.mediaroutes.config.ServiceProperties;
import io.mediaroutes.config.UploadProperties;
import io.mediaroutes.observability.Metrics;
import io.mediaroutes.observability.SinkHealth;
import io.mediaroutes.cluster.Leases;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The pipeline's in-flight videos (table pipeline_job). Each step the routes complete is recorded here, so
 * after a restart every video resumes at the step it reached and Create Video is never called twice for a
 * drop. Jobs travel through the routes as maps: {@code id, name, path, videoId, uploadUri, state}.
 *
 * <p>States: NEW → CREATED (video exists) → UPLOADED (bytes sent) → PROCESSING (marked complete, polled)
 * → DELIVERED, or FAILED with the reason.
 *
 * <p>An instance works on a job only while it holds the job's lease ({@link Leases}): the drop's taker from the
 * start, the resume timer for ingests whose taker died, the poll for one Status check. So N instances on one
 * database never work on one job at once, and the jobs of a killed instance are taken over.
 */
@Component("jobs")
public class JobStore {

    private static final String TABLE = "pipeline_job";

    /** Jobs one claim takes; the rest wait for the next poll. */
    private static final int CLAIM_BATCH = 100;

    private final JdbcTemplate jdbc;
    private final Metrics metrics;
    private final SinkHealth sinkHealth;
    private final Leases leases;
    private final String inputEncryption;
    /** How long a video in processing waits before the poll asks: 0, or the callback grace when callbacks come. */
    private final Duration pollAfter;

    /**
     * @param inputEncryption "AES256" to ask the service for input storage encryption; the upload then
     *                        encrypts while streaming
     * @param callbackGrace   in Video Indexer mode with a callback URL, the poll leaves a video alone this long
     *                        (the callback normally comes first; the poll is the fallback for a lost one)
     */
    public JobStore(JdbcTemplate jdbc, Leases leases, UploadProperties upload, ServiceProperties service, IndexerProperties indexer,
            PollProperties poll, Metrics metrics, SinkHealth sinkHealth) {
        this.metrics = metrics;
        this.sinkHealth = sinkHealth;
        String inputEncryption = upload.inputEncryption() == UploadProperties.InputEncryption.AES256 ? "AES256" : "";
        boolean indexerMode = service.api() == ServiceProperties.Api.VIDEOINDEXER;
        String callbackUrl = indexer.callbackUrl();
        Duration callbackGrace = poll.callbackGrace();
        this.jdbc = jdbc;
        this.leases = leases;
        this.inputEncryption = inputEncryption;
        this.pollAfter = indexerMode && !callbackUrl.isBlank() ? callbackGrace : Duration.ZERO;
    }

    /**
     * Records a newly taken drop, held by this instance; null if the drop has a job already: another instance
     * took it at the same moment, or a run that crashed did (the job's lease then decides who finishes it).
     * This row, not the idempotent repository, is what makes a drop "taken": it is written before any work.
     */
    public Map<String, Object> register(String source, String name, String path) {
        try {
            String id = UUID.randomUUID().toString();
            jdbc.update("""
                    INSERT INTO pipeline_job (id, source, name, path, state, created_at, updated_at, lease_owner, lease_until)
                    VALUES (?, ?, ?, ?, 'NEW', ?, ?, ?, ?)""",
                    id, source, name, path, now(), now(), leases.owner(), leases.expiry());
            return find(id);
        } catch (DuplicateKeyException alreadyTaken) {
            return null;
        }
    }

    /** The body of Create Video for this job. */
    public Map<String, Object> createVideoRequest(Map<String, Object> job) {
        return inputEncryption.isBlank() ? Map.of("OriginalFileName", job.get("name"))
                : Map.of("OriginalFileName", job.get("name"), "InputStorageEncryptionMode", inputEncryption);
    }

    /**
     * The service described the video (Create Video, or a re-read on resume): keep its id and UploadUri.
     * No UploadUri means the service already had MarkComplete, so the upload is done.
     */
    public Map<String, Object> created(Map<String, Object> job, Map<String, Object> video) {
        Object uploadUri = video.get("UploadUri");
        jdbc.update("UPDATE pipeline_job SET video_id = ?, upload_uri = ?, state = ?, updated_at = ? WHERE id = ?",
                video.get("Id"), uploadUri, uploadUri == null ? "UPLOADED" : "CREATED", now(), job.get("id"));
        if (video.get("InputStorageEncryptionSymmetricKey") != null) { // only a POST answer carries them
            jdbc.update("UPDATE pipeline_job SET input_key = ?, input_iv = ? WHERE id = ?",
                    video.get("InputStorageEncryptionSymmetricKey"), video.get("InputStorageEncryptionIv"), job.get("id"));
        }
        return find((String) job.get("id"));
    }

    /** Video Indexer took the upload: keep its video id; from now on the poll asks for its index. */
    public Map<String, Object> indexing(Map<String, Object> job, Map<String, Object> video) {
        jdbc.update("UPDATE pipeline_job SET video_id = ?, state = 'PROCESSING', updated_at = ? WHERE id = ?",
                video.get("id"), now(), job.get("id"));
        return release(find((String) job.get("id")));
    }

    public Map<String, Object> uploaded(Map<String, Object> job) {
        return advance(job, "UPLOADED");
    }

    /** Marked complete: the ingest is over, and whichever instance polls next checks the Status. */
    public Map<String, Object> processing(Map<String, Object> job) {
        return release(advance(job, "PROCESSING"));
    }

    public Map<String, Object> delivered(Map<String, Object> job) {
        Timestamp taken = jdbc.queryForObject("SELECT created_at FROM pipeline_job WHERE id = ?", Timestamp.class, job.get("id"));
        metrics.delivered(Duration.between(taken.toInstant(), Instant.now()));
        return release(advance(job, "DELIVERED"));
    }

    /** This instance is done with the job for now; another may take it. */
    public Map<String, Object> release(Map<String, Object> job) {
        leases.release(TABLE, (String) job.get("id"));
        return job;
    }

    /** The sinks (endpoint URIs, comma-separated) that have not yet taken this job's insights. */
    public String pendingSinks(Map<String, Object> job, String sinks) {
        Set<String> done = deliveredSinks((String) job.get("id"));
        return Arrays.stream(sinks.split(",")).map(String::strip).filter(s -> !s.isEmpty() && !done.contains(s))
                .collect(Collectors.joining(","));
    }

    /** A sink took the insights: a redelivery will skip it. */
    public synchronized void sinkDelivered(Map<String, Object> job, String sink) {
        Set<String> done = new LinkedHashSet<>(deliveredSinks((String) job.get("id")));
        done.add(sink);
        sinkHealth.delivered(sink);
        jdbc.update("UPDATE pipeline_job SET delivered_sinks = ?, updated_at = ? WHERE id = ?", String.join(",", done), now(), job.get("id"));
    }

    private Set<String> deliveredSinks(String jobId) {
        String list = jdbc.queryForObject("SELECT delivered_sinks FROM pipeline_job WHERE id = ?", String.class, jobId);
        return list == null || list.isBlank() ? Set.of() : new LinkedHashSet<>(List.of(list.split(",")));
    }

    public void failed(Map<String, Object> job, String reason) {
        jdbc.update("UPDATE pipeline_job SET state = 'FAILED', error = ?, updated_at = ? WHERE id = ?",
                reason == null || reason.length() <= 4000 ? reason : reason.substring(0, 4000), now(), job.get("id"));
        release(job);
    }

    /** Ingests nobody holds: their taker stopped or died before MarkComplete. This instance finishes them. */
    public List<Map<String, Object>> claimUnfinishedIngests() {
        return claim("state IN ('NEW', 'CREATED', 'UPLOADED')");
    }

    /** Jobs the service is processing that nobody is checking: the poll asks for their Status. */
    public List<Map<String, Object>> claimInProcessing() {
        return claim("state = 'PROCESSING' AND updated_at < ?", Timestamp.from(Instant.now().minus(pollAfter)));
    }

    /** The job in processing for a service video id, if nobody is checking it: none, or one. */
    public List<Map<String, Object>> claimInProcessingByVideoId(String videoId) {
        return claim("state = 'PROCESSING' AND video_id = ?", videoId);
    }

    private List<Map<String, Object>> claim(String condition, Object... args) {
        List<String> ids = leases.claim(TABLE, condition, CLAIM_BATCH, args);
        return ids.isEmpty() ? List.of()
                : list("SELECT * FROM pipeline_job WHERE id IN (" + Leases.placeholders(ids.size()) + ") ORDER BY updated_at", ids.toArray());
    }

    public Map<String, Object> find(String id) {
        return list("SELECT * FROM pipeline_job WHERE id = ?", id).get(0);
    }

    private Map<String, Object> advance(Map<String, Object> job, String state) {
        jdbc.update("UPDATE pipeline_job SET state = ?, updated_at = ? WHERE id = ?", state, now(), job.get("id"));
        return find((String) job.get("id"));
    }

    private List<Map<String, Object>> list(String sql, Object... args) {
        return jdbc.queryForList(sql, args).stream().map(JobStore::job).toList();
    }

    /** Column names differ in case between H2 and PostgreSQL; jobs use fixed camelCase keys. */
    private static Map<String, Object> job(Map<String, Object> row) {
        Map<String, Object> lower = new LinkedHashMap<>();
        row.forEach((k, v) -> lower.put(k.toLowerCase(), v));
        Map<String, Object> job = new LinkedHashMap<>();
        job.put("id", lower.get("id"));
        job.put("name", lower.get("name"));
        job.put("path", lower.get("path"));
        job.put("videoId", lower.get("video_id"));
        job.put("uploadUri", lower.get("upload_uri"));
        job.put("state", lower.get("state"));
        job.put("error", lower.get("error"));
        job.put("inputKey", lower.get("input_key"));
        job.put("inputIv", lower.get("input_iv"));
        return job;
    }

    private static Timestamp now() {
        return Timestamp.from(Instant.now());
    }
}
