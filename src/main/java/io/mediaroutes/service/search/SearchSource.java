package io.mediaroutes.service.search;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/** An API's videos, as its search sees them: each API indexes its own, under a scope of its own. */
public interface SearchSource {

    /** The scope its videos are indexed under. */
    String scope();

    /** Its processed videos, each with its version (when it last changed, in ms). */
    Map<String, Long> processed();

    /** One of its processed videos as the index takes it; empty if it is not one (any more). */
    Optional<SearchIndex.Video> video(String id) throws IOException;
}
