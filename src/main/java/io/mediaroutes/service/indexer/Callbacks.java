package io.mediaroutes.service.indexer;

import io.mediaroutes.service.OutboundHttp;
import io.mediaroutes.service.VideoEnded;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * When processing ends, POSTs to the video's callbackUrl (given at upload) or else to the service's own
 * {@code mediaroutes.service.callback-url}, with {@code id} and {@code state} as query parameters, as Video Indexer
 * does; a failed call is retried after 1, 2, 4, 8 and 16 seconds. The URL was checked at upload
 * and is checked again on every call ({@link OutboundHttp}): it never reaches an internal address.
 */
@Component
public class Callbacks {

    private static final Logger LOG = LoggerFactory.getLogger(Callbacks.class);
    private static final int ATTEMPTS = 6;

    private final IndexerVideos indexerVideos;
    private final OutboundHttp outbound;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "indexer-callbacks");
        t.setDaemon(true);
        return t;
    });

    private final Environment environment;

    public Callbacks(IndexerVideos indexerVideos, OutboundHttp outbound, Environment environment) {
        this.indexerVideos = indexerVideos;
        this.outbound = outbound;
        this.environment = environment;
    }

    @EventListener
    public void videoEnded(VideoEnded ended) {
        String url = indexerVideos.find(ended.videoId()).map(IndexerVideos.Fields::callbackUrl).filter(own -> !own.isBlank())
                .orElseGet(() -> environment.getProperty("mediaroutes.service.callback-url", "")); // names this app's port: read per call
        if (!url.isBlank()) {
            scheduler.execute(() -> send(url, ended, 1));
        }
    }

    private void send(String url, VideoEnded ended, int attempt) {
        String target = url + (url.contains("?") ? "&" : "?") + "id=" + encode(ended.videoId()) + "&state=" + encode(ended.state());
        try {
            int status = outbound.post(URI.create(target));
            if (status < 300) {
                return;
            }
            retry(url, ended, attempt, "HTTP " + status);
        } catch (Exception e) {
            retry(url, ended, attempt, e.toString());
        }
    }

    private void retry(String url, VideoEnded ended, int attempt, String why) {
        if (attempt >= ATTEMPTS) {
            LOG.warn("Callback for video {} gave up after {} attempts: {}", ended.videoId(), attempt, why);
            return;
        }
        scheduler.schedule(() -> send(url, ended, attempt + 1), 1L << (attempt - 1), TimeUnit.SECONDS);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
