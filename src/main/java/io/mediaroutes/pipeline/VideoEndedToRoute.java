package io.mediaroutes.pipeline;

import io.mediaroutes.service.EmbeddedService;
import io.mediaroutes.service.VideoEnded;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The embedded service's "processing ended", handed to route video-ended so that the Connector pipeline checks that
 * video at once instead of at the next poll. A remote Connector service has no such signal: there the poll does it
 * all. (Video Indexer mode has its callback.)
 */
@EmbeddedService
@ConditionalOnProperty(name = "mediaroutes.service.api", havingValue = "connector")
@Component("videoEndedToRoute")
class VideoEndedToRoute {

    /** A full queue (1000 videos ended and not yet checked) drops the signal: the poll still finds them. */
    private static final String ROUTE = "seda:video-ended?discardWhenFull=true";

    private static final Logger LOG = LoggerFactory.getLogger(VideoEndedToRoute.class);

    private final ProducerTemplate producer;

    VideoEndedToRoute(ProducerTemplate producer) {
        this.producer = producer;
    }

    /** Runs on the processing worker's thread, after the video's end is recorded: it must not fail that work. */
    @EventListener
    void ended(VideoEnded ended) {
        try {
            producer.send(ROUTE, exchange -> {
                // named after the route it feeds: Camel's Prometheus meters all carry a routeId, and Prometheus
                // refuses (with a WARN) a meter of the same name without it
                exchange.getExchangeExtension().setFromRouteId("video-ended");
                exchange.getMessage().setBody(ended.videoId());
            });
        } catch (RuntimeException stopping) {
            LOG.debug("Video {} ended while Camel could not take the signal ({}); the poll will find it", ended.videoId(),
                    stopping.getMessage());
        }
    }
}
