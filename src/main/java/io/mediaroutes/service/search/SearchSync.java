package io.mediaroutes.service.search;

import io.mediaroutes.insights.language.Embeddings;
import io.mediaroutes.service.ServiceProperties;
import io.mediaroutes.service.VideoEnded;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Keeps the search index ({@code <data-dir>/search}) up to date: a video is indexed when its processing ends and
 * removed when it is deleted here; and every {@code sync-interval} (and at the start) the index catches up with each
 * API's processed videos, so an index deleted, new, or behind another instance's work is rebuilt by itself.
 */
@Component
public class SearchSync {

    private static final Logger LOG = LoggerFactory.getLogger(SearchSync.class);
    private static final int BATCH = 100;

    private final SearchIndex index;
    private final List<SearchSource> sources;
    private final long every;
    private final boolean meaning;
    private volatile boolean closing;
    private final ScheduledExecutorService syncer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "search-sync");
        t.setDaemon(true);
        return t;
    });

    public SearchSync(ServiceProperties service, SearchProperties settings, List<SearchSource> sources) throws IOException {
        this.index = new SearchIndex(service.dataDir().resolve("search"), settings.meaning() ? Embeddings::of : null);
        this.sources = sources;
        this.every = settings.syncInterval().toMillis();
        this.meaning = settings.meaning();
    }

    /**
     * Catches up once the app is ready (its database migrated), then every sync-interval, in a thread of its own;
     * first it loads the embedding model, so that the first video processed is not kept waiting for it.
     */
    @EventListener(ApplicationReadyEvent.class)
    public void start() {
        if (meaning) {
            syncer.execute(() -> Embeddings.of("ready"));
        }
        syncer.scheduleWithFixedDelay(this::sync, 0, every, TimeUnit.MILLISECONDS);
    }

    public SearchIndex index() {
        return index;
    }

    /** Each API's processed videos in the index at their latest version, and no others. */
    public synchronized void sync() {
        for (SearchSource source : sources) {
            try {
                Map<String, Long> processed = source.processed();
                Map<String, Long> indexed = index.versions(source.scope());
                int changed = 0;
                List<SearchIndex.Video> batch = new ArrayList<>();
                for (var video : processed.entrySet()) {
                    if (closing) {
                        return;
                    }
                    if (!video.getValue().equals(indexed.get(video.getKey()))) {
                        source.video(video.getKey()).ifPresent(batch::add);
                    }
                    if (batch.size() == BATCH) {
                        changed += flush(source, batch);
                    }
                }
                changed += flush(source, batch);
                for (String gone : indexed.keySet()) {
                    if (!processed.containsKey(gone)) {
                        index.delete(gone);
                    }
                }
                if (changed > 0) {
                    LOG.info("Search index: {} {} video(s) indexed, {} in all", changed, source.scope(), processed.size());
                }
            } catch (IOException | RuntimeException e) {
                LOG.warn("Search index sync of {} failed (tried again in the next round): {}", source.scope(), e.toString());
            }
        }
    }

    /**
     * Rebuilds the index from the videos themselves (after a change in how they are indexed, or to be sure): empties
     * it now (waiting for a sync under way) and indexes every processed video again in the sync's thread.
     */
    public synchronized void rebuild() throws IOException {
        index.clear();
        LOG.info("Search index emptied for a rebuild");
        syncer.execute(this::sync);
    }

    /** Indexes a batch of videos (one commit: a rebuild of thousands is not thousands of commits), and empties it. */
    private int flush(SearchSource source, List<SearchIndex.Video> batch) throws IOException {
        int n = batch.size();
        if (n == 0) {
            return 0;
        }
        index.putAll(source.scope(), batch);
        batch.clear();
        return n;
    }

    private boolean put(SearchSource source, String id) throws IOException {
        Optional<SearchIndex.Video> video = source.video(id);
        if (video.isPresent()) {
            index.put(source.scope(), video.get());
        }
        return video.isPresent();
    }

    /**
     * A video processed here is searchable at once: before the other listeners of its end (the callback that tells
     * the pipeline) hear of it. Lucene's writer takes it while a sync runs.
     */
    @EventListener
    @Order(Ordered.HIGHEST_PRECEDENCE)
    public void ended(VideoEnded ended) {
        if (!"Processed".equals(ended.state())) {
            return;
        }
        for (SearchSource source : sources) {
            try {
                if (put(source, ended.videoId())) {
                    return;
                }
            } catch (IOException | RuntimeException e) {
                LOG.warn("Video {} not indexed for search now (the next sync tries again): {}", ended.videoId(), e.toString());
            }
        }
    }

    /** A video deleted here is gone from search at once. */
    public void deleted(String id) throws IOException {
        index.delete(id);
    }

    /** Lets a sync under way stop between two videos (not in the middle of a write), then closes the index. */
    @PreDestroy
    public void close() throws IOException, InterruptedException {
        closing = true;
        syncer.shutdown();
        syncer.awaitTermination(30, TimeUnit.SECONDS);
        index.close();
    }
}
