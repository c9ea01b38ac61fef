package io.mediaroutes.service.indexer;

import io.mediaroutes.service.ByteLimit;
import io.mediaroutes.service.OutboundHttp;
import io.mediaroutes.service.ProcessingQueue;
import io.mediaroutes.service.ServiceProperties;
import io.mediaroutes.service.Video;
import io.mediaroutes.service.VideoRepository;
import io.mediaroutes.storage.BlobStore;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Uploads by {@code videoUrl}, as the real service does them: the upload call answers at once (state Uploaded),
 * then the video is downloaded here, through {@link OutboundHttp}'s checks and limits, and queued for processing;
 * a URL that can't be fetched fails the video with one reason for every cause.
 */
@Component
public class VideoFetcher {

    static final String FAILED = "The video could not be downloaded from videoUrl. " + OutboundHttp.UNREACHABLE;
    private static final Logger LOG = LoggerFactory.getLogger(VideoFetcher.class);

    private final OutboundHttp outbound;
    private final BlobStore blobs;
    private final VideoRepository videos;
    private final ProcessingQueue queue;
    private final ServiceProperties props;
    private final ExecutorService fetches = new ThreadPoolExecutor(2, 2, 1, TimeUnit.MINUTES, new LinkedBlockingQueue<>(), r -> {
        Thread t = new Thread(r, "video-fetch");
        t.setDaemon(true);
        return t;
    });

    public VideoFetcher(OutboundHttp outbound, BlobStore blobs, VideoRepository videos, ProcessingQueue queue, ServiceProperties props) {
        this.outbound = outbound;
        this.blobs = blobs;
        this.videos = videos;
        this.queue = queue;
        this.props = props;
    }

    public void fetchLater(Video video, URI url) {
        fetches.execute(() -> fetch(video, url));
    }

    private void fetch(Video video, URI url) {
        try (InputStream in = outbound.get(url, props.maxUploadSize().toBytes())) {
            blobs.putBlob(video.container(), video.fileName(), in);
            videos.transition(video.id(), Video.State.CREATED, Video.State.QUEUED);
            queue.claim();
        } catch (ByteLimit.Exceeded e) {
            queue.failed(video.id(), "The video at videoUrl is larger than " + props.maxUploadSize() + ".");
        } catch (IOException e) {
            LOG.info("Video {}: videoUrl not fetched ({})", video.id(), e.getCause() != null ? e.getCause().getMessage() : e.getMessage());
            queue.failed(video.id(), FAILED);
        }
    }
}
