package io.mediaroutes.pipeline;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** In Video Indexer mode the service's callback delivers (route indexer-callback). */
class IndexerCallbackTest extends DeliveredWithoutThePoll {

    @DynamicPropertySource
    static void videoIndexer(DynamicPropertyRegistry registry) {
        registry.add("mediaroutes.service.api", () -> "videoindexer");
    }
}
