package io.mediaroutes.insights;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.List;

/** Keywords (words repeated in what was read and heard) and topics (the strongest keywords); after OCR and transcript. */
final class KeywordsAnalyzer implements Analyzer {

    @Override
    public String name() {
        return "keywords";
    }

    @Override
    public List<String> fields() {
        return List.of("keywords", "topics");
    }

    @Override
    public boolean enabled() {
        return true;
    }

    @Override
    public Run start(Analysis analysis) {
        return insights -> {
            ArrayNode keywords = Keywords.keywords(analysis.text());
            insights.set("keywords", keywords);
            insights.set("topics", Keywords.topics(keywords));
        };
    }
}
