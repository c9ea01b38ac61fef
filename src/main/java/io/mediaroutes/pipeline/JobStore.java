package io.mediaroutes.pipeline;

import io.mediaroutes.cluster.Leases;
import io.mediaroutes.pipeline.config.IndexerProperties;
import io.mediaroutes.pipeline.config.PollProperties;
import io.mediaroutes.pipeline.config.UploadProperties;
import io.mediaroutes.pipeline.config.VideoServiceProperties;
import java.io.IOException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
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
 * drop. Jobs travel through the routes as {@link Job}s; {@link JobState} knows which state may follow which, and
 * every change of state goes through {@link #advance}.
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
    private final PipelineMetrics metrics;
    private final SinkHealth sinkHealth;
    private final Leases leases;
    private final ContentHash contentHash;
    private final String inputEncryption;
    /** How long a video in processing waits before the poll asks: 0, or the callback grace when callbacks come. */
    private final Duration pollAfter;

    /**
     * @param inputEncryption "AES256" to ask the service for input storage encryption; the upload then
     *                        encrypts while streaming
     * @param callbackGrace   in Video Indexer mode with a callback URL, the poll leaves a video alone this long
     *                        (the callback normally comes first; the poll is the fallback for a lost one)
     */
    public JobStore(JdbcTemplate jdbc, Leases leases, UploadProperties upload, VideoServiceProperties service, IndexerProperties indexer,
            PollProperties poll, PipelineMetrics metrics, SinkHealth sinkHealth, ContentHash contentHash) {
        this.contentHash = contentHash;
        this.metrics = metrics;
        this.sinkHealth = sinkHealth;
        String inputEncryption = upload.inputEncryption() == UploadProperties.InputEncryption.AES256 ? "AES256" : "";
        boolean indexerMode = service.api() == VideoServiceProperties.Api.VIDEOINDEXER;
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
    public Job register(String source, String name, String path) {
        try {
            String id = UUID.randomUUID().toString();
            jdbc.update("""
                    INSERT INTO pipeline_job (id, source, name, path, state, created_at, updated_at, lease_owner, lease_until)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                    id, source, name, path, JobState.NEW.name(), now(), now(), leases.owner(), leases.expiry());
            return find(id);
        } catch (DuplicateKeyException alreadyTaken) {
            return null;
        }
    }

    /** The body of Create Video for this job. */
    public Map<String, Object> createVideoRequest(Job job) {
        return inputEncryption.isBlank() ? Map.of("OriginalFileName", job.name())
                : Map.of("OriginalFileName", job.name(), "InputStorageEncryptionMode", inputEncryption);
    }

    /**
     * The service described the video (Create Video, or a re-read on resume): keep its id and UploadUri.
     * No UploadUri means the service already had MarkComplete, so the upload is done.
     */
    public Job created(Job job, Map<String, Object> video) {
        Object uploadUri = video.get("UploadUri");
        // the input encryption key and IV come only in a POST answer: a re-read keeps the ones it had
        return advance(job, uploadUri == null ? JobState.UPLOADED : JobState.CREATED,
                "video_id = ?, upload_uri = ?, input_key = COALESCE(?, input_key), input_iv = COALESCE(?, input_iv)",
                video.get("Id"), uploadUri, video.get("InputStorageEncryptionSymmetricKey"), video.get("InputStorageEncryptionIv"));
    }

    /** Video Indexer took the upload: keep its video id; from now on the poll asks for its index. */
    public Job indexing(Job job, Map<String, Object> video) {
        return release(advance(job, JobState.PROCESSING, "video_id = ?", video.get("id")));
    }

    /**
     * The earlier job whose drop had the same bytes, or null when this job is the first to have them (or its bytes
     * can't be hashed). The first job to record a hash holds it: the unique index decides between instances taking the
     * same bytes at the same moment. A failed job gives its hash up, so the same bytes dropped again are tried again.
     */
    public Job sameBytesAs(Job job) throws IOException {
        String hash = contentHash.of(job);
        if (hash == null) {
            return null;
        }
        try {
            jdbc.update("UPDATE pipeline_job SET content_hash = ? WHERE id = ? AND content_hash IS NULL", hash, job.id());
            return null;
        } catch (DuplicateKeyException heldByAnEarlierJob) {
            return list("SELECT * FROM pipeline_job WHERE content_hash = ?", hash).stream().findFirst().orElse(null);
        }
    }

    /**
     * This job's drop has the bytes of {@code original}'s: it takes that job's video, processed or processing, and is
     * checked and delivered as if it were its own; nothing is uploaded again.
     */
    public Job duplicate(Job job, Job original) {
        metrics.duplicate();
        return advance(job, JobState.PROCESSING, "video_id = ?, duplicate_of = ?", original.videoId(), original.id());
    }

    public Job uploaded(Job job) {
        return advance(job, JobState.UPLOADED);
    }

    /** Marked complete: the ingest is over, and whichever instance polls next checks the Status. */
    public Job processing(Job job) {
        return release(advance(job, JobState.PROCESSING));
    }

    public Job delivered(Job job) {
        Timestamp taken = jdbc.queryForObject("SELECT created_at FROM pipeline_job WHERE id = ?", Timestamp.class, job.id());
        metrics.delivered(Duration.between(taken.toInstant(), Instant.now()));
        return release(advance(job, JobState.DELIVERED));
    }

    /** This instance is done with the job for now; another may take it. */
    public Job release(Job job) {
        leases.release(TABLE, job.id());
        return job;
    }

    /** The sinks (endpoint URIs, comma-separated) that have not yet taken this job's insights. */
    public String pendingSinks(Job job, String sinks) {
        Set<String> done = deliveredSinks(job.id());
        return Arrays.stream(sinks.split(",")).map(String::strip).filter(s -> !s.isEmpty() && !done.contains(s))
                .collect(Collectors.joining(","));
    }

    /** A sink took the insights: a redelivery will skip it. */
    public synchronized void sinkDelivered(Job job, String sink) {
        Set<String> done = new LinkedHashSet<>(deliveredSinks(job.id()));
        done.add(sink);
        sinkHealth.delivered(sink);
        jdbc.update("UPDATE pipeline_job SET delivered_sinks = ?, updated_at = ? WHERE id = ?", String.join(",", done), now(), job.id());
    }

    private Set<String> deliveredSinks(String jobId) {
        String list = jdbc.queryForObject("SELECT delivered_sinks FROM pipeline_job WHERE id = ?", String.class, jobId);
        return list == null || list.isBlank() ? Set.of() : new LinkedHashSet<>(List.of(list.split(",")));
    }

    public void failed(Job job, String reason) {
        // the hash is given up: the same bytes dropped again are tried again
        advance(job, JobState.FAILED, "error = ?, content_hash = NULL", reason == null || reason.length() <= 4000 ? reason : reason.substring(0, 4000));
        release(job);
    }

    /** Ingests nobody holds: their taker stopped or died before MarkComplete. This instance finishes them. */
    public List<Job> claimUnfinishedIngests() {
        return claim("state IN (" + Leases.placeholders(JobState.INGESTING.size()) + ")",
                JobState.INGESTING.stream().map(JobState::name).toArray());
    }

    /** Jobs the service is processing that nobody is checking: the poll asks for their Status. */
    public List<Job> claimInProcessing() {
        return claim("state = ? AND updated_at < ?", JobState.PROCESSING.name(), Timestamp.from(Instant.now().minus(pollAfter)));
    }

    /** The jobs in processing for a service video id that nobody is checking: one per drop of those bytes. */
    public List<Job> claimInProcessingByVideoId(String videoId) {
        return claim("state = ? AND video_id = ?", JobState.PROCESSING.name(), videoId);
    }

    private List<Job> claim(String condition, Object... args) {
        List<String> ids = leases.claim(TABLE, condition, CLAIM_BATCH, args);
        return ids.isEmpty() ? List.of()
                : list("SELECT * FROM pipeline_job WHERE id IN (" + Leases.placeholders(ids.size()) + ") ORDER BY updated_at", ids.toArray());
    }

    public Job find(String id) {
        return list("SELECT * FROM pipeline_job WHERE id = ?", id).get(0);
    }

    private Job advance(Job job, JobState state) {
        return advance(job, state, null);
    }

    /**
     * The one way a job's state changes, and {@code set} more columns: the row changes only from a state that
     * {@link JobState} lets become {@code state}, checked in the UPDATE itself (the job a route carries may be stale).
     */
    private Job advance(Job job, JobState state, String set, Object... values) {
        List<String> from = Arrays.stream(JobState.values()).filter(earlier -> earlier.mayBecome(state)).map(JobState::name).toList();
        List<Object> args = new ArrayList<>(Arrays.asList(values)); // a value may be null
        args.addAll(List.of(state.name(), now(), job.id()));
        args.addAll(from);
        int changed = jdbc.update("UPDATE pipeline_job SET " + (set == null ? "" : set + ", ") + "state = ?, updated_at = ? WHERE id = ? AND state IN ("
                + Leases.placeholders(from.size()) + ")", args.toArray());
        Job now = find(job.id());
        if (changed == 0) {
            throw new IllegalStateException("Job " + job.id() + " can't go from " + now.state() + " to " + state);
        }
        return now;
    }

    private List<Job> list(String sql, Object... args) {
        return jdbc.query(sql, (row, n) -> new Job(row.getString("id"), row.getString("name"), row.getString("path"),
                row.getString("video_id"), row.getString("upload_uri"), JobState.valueOf(row.getString("state")),
                row.getString("error"), row.getString("input_key"), row.getString("input_iv")), args);
    }

    private static Timestamp now() {
        return Timestamp.from(Instant.now());
    }
}
