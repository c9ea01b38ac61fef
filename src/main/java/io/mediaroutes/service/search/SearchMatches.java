package io.mediaroutes.service.search;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.mediaroutes.insights.Timecode;
import java.util.List;

/** A video's matches as Video Indexer's Search answers them: {@code searchMatches} of {startTime, type, text, exactText}. */
public final class SearchMatches {

    private SearchMatches() {}

    public static ArrayNode of(List<SearchIndex.Match> matches) {
        ArrayNode json = JsonNodeFactory.instance.arrayNode();
        matches.forEach(m -> json.addObject().put("startTime", Timecode.format(m.start())).put("type", m.type()).put("text", m.text())
                .put("exactText", m.exactText()));
        return json;
    }
}
