package io.mediaroutes.pipeline;

import io.mediaroutes.AppTestSupport;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** In Video Indexer mode the service's callback delivers (route video-ended). */
class IndexerCallbackTest extends DeliveredWithoutThePoll {

    @DynamicPropertySource
    static void videoIndexer(DynamicPropertyRegistry registry) {
        AppTestSupport.videoIndexerMode().forEach((key, value) -> registry.add(key, () -> value));
    }
}
