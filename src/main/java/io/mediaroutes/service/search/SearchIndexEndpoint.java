package io.mediaroutes.service.search;

import java.io.IOException;
import java.util.Map;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/searchindex}, behind the admin login like the other management endpoints: GET tells how many
 * documents (videos and their moments) the search index holds; POST empties it and rebuilds it from the videos
 * in the background.
 */
@Component
@Endpoint(id = "searchindex")
public class SearchIndexEndpoint {

    private final SearchSync sync;

    SearchIndexEndpoint(SearchSync sync) {
        this.sync = sync;
    }

    @ReadOperation
    public Map<String, Object> size() {
        return Map.of("documents", sync.index().size());
    }

    @WriteOperation
    public Map<String, Object> rebuild() throws IOException {
        sync.rebuild();
        return Map.of("rebuilding", true);
    }
}
