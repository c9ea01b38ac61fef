package io.mediaroutes.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mediaroutes.insights.InsightsAnalyzer;
import io.mediaroutes.insights.VideoIndex;
import io.mediaroutes.media.Aes256Ctr;
import io.mediaroutes.media.Ladder;
import io.mediaroutes.media.MediaProbe;
import io.mediaroutes.media.MediaProcessor;
import io.mediaroutes.storage.BlobStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The durable processing queue: videos marked complete wait in the database as QUEUED; a worker claims one
 * ({@link VideoRepository#claimToProcess}), processes it, and records COMPLETED or FAILED with ffmpeg's reason.
 * Concurrency is bounded (one job per core by default); a job whose worker stopped or died is redone, here or
 * by another instance on the same database.
 */
@Component
public class ProcessingQueue implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessingQueue.class);

    private final ServiceMetrics metrics;
    private final VideoRepository videos;
    private final BlobStore blobs;
    private final ServiceProperties.Processing settings;
    private final Path dataDir;
    private final ObjectMapper json;
    private final InsightsAnalyzer analyzer;
    private final ApplicationEventPublisher events;
    private final Semaphore slots;
    private ExecutorService workers;
    private volatile boolean running;

    public ProcessingQueue(VideoRepository videos, BlobStore blobs, ServiceProperties props, ObjectMapper json,
            InsightsAnalyzer analyzer, ApplicationEventPublisher events, ServiceMetrics metrics) {
        this.metrics = metrics;
        this.analyzer = analyzer;
        this.events = events;
        this.videos = videos;
        this.blobs = blobs;
        this.settings = props.processing();
        this.dataDir = props.dataDir();
        this.json = json;
        this.slots = new Semaphore(settings.threads());
    }

    @Override
    public void start() {
        workers = Executors.newFixedThreadPool(settings.threads(), r -> {
            Thread worker = new Thread(r, "video-processing");
            worker.setDaemon(true); // an app that fails to start must exit; stop() ends the work of one that ran
            return worker;
        });
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        workers.shutdownNow();
        try {
            workers.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Claims as many queued videos as there are free workers: on a timer, and whenever a worker gets free. */
    @Scheduled(fixedDelayString = "${mediaroutes.service.processing.poll-interval:2000}")
    public synchronized void claim() {
        if (!running || !settings.enabled()) {
            return;
        }
        int free = slots.availablePermits();
        if (free == 0) {
            return;
        }
        for (Video video : videos.claimToProcess(free)) {
            if (video.state() == Video.State.PROCESSING) {
                LOG.info("Video {}: its processing was interrupted (a stop or a crash); processing it again", video.id());
            }
            slots.acquireUninterruptibly();
            workers.execute(() -> {
                try {
                    process(video);
                } finally {
                    slots.release();
                }
                claim(); // the next video at once, not at the next tick
            });
        }
    }

    void process(Video video) {
        String id = video.id();
        long started = System.nanoTime();
        Path work = settings.workDir(dataDir).resolve(id);
        try {
            Path input = blobs.localCopy(video.container(), video.fileName());
            if ("AES256".equals(video.inputEncryption())) {
                input = decrypt(video, input, work);
            }
            MediaProcessor.HlsKey key = video.contentKey() == null ? null
                    : new MediaProcessor.HlsKey(Base64.getDecoder().decode(video.contentKey()), "/keys/" + video.contentKeyId());
            MediaProcessor.Output out = MediaProcessor.process(input, work.resolve("out"), key, settings.timeout(),
                    percent -> videos.progress(id, percent));
            Playback.store(blobs, video.container(), out, json);
            InsightsAnalyzer.Result insights = analyzer.analyze(id, input, out.info(), work.resolve("insights"), settings.timeout());
            // the faces' pictures are listed while they are still the analysis' files: storing them may move them
            Playback.addFaces(blobs, video.container(), insights.insights(), insights.keyFrames(), json);
            for (InsightsAnalyzer.KeyFrame keyFrame : insights.keyFrames()) {
                blobs.putFile(video.container(), "thumbnails/" + keyFrame.thumbnailId() + ".jpg", keyFrame.jpeg());
            }
            videos.progress(id, 95);
            byte[] index = json.writerWithDefaultPrettyPrinter().writeValueAsBytes(
                    VideoIndex.processed(video.indexSubject(), out.info(), insights.insights()));
            blobs.putBlob(video.container(), VideoIndex.BLOB, new ByteArrayInputStream(index));
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            metrics.processed(took, out.info().durationSeconds()); // counted before anyone can see it Completed
            videos.completed(id, out.info().wholeSeconds());
            LOG.info("Video {} processed in {} s for {} s of video, renditions {}", id,
                    String.format(Locale.ROOT, "%.2f", took.toMillis() / 1000.0), out.info().wholeSeconds(),
                    out.rungs().stream().map(Ladder.Rung::name).toList());
            events.publishEvent(new VideoEnded(id, "Processed"));
        } catch (MediaProbe.NotAVideoException e) {
            LOG.warn("Video {} failed: {}", id, e.getMessage());
            failed(id, "Not a video: " + e.getMessage());
        } catch (MediaProcessor.ProcessingException e) {
            LOG.warn("Video {} failed: {}", id, e.getMessage());
            failed(id, e.getMessage());
        } catch (IOException | RuntimeException e) {
            if (!running) {
                return; // shutting down: the job stays PROCESSING and is requeued at the next start
            }
            LOG.warn("Video {} failed", id, e);
            failed(id, "Processing failed: " + e.getMessage());
        } finally {
            deleteRecursively(work);
        }
    }

    /** Records the failure with its reason and tells whoever waits for the video's end (callbacks). */
    public void failed(String id, String reason) {
        videos.failed(id, reason);
        events.publishEvent(new VideoEnded(id, "Failed"));
    }

    private static Path decrypt(Video video, Path encrypted, Path work) throws IOException {
        Path plain = Files.createDirectories(work).resolve("input-" + video.fileName());
        try (InputStream in = Files.newInputStream(encrypted); OutputStream out = Files.newOutputStream(plain)) {
            Aes256Ctr.copy(in, out, video.inputKey(), video.inputIv());
        }
        return plain;
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.warn("Could not clean up {}: {}", dir, e.getMessage());
        }
    }
}
