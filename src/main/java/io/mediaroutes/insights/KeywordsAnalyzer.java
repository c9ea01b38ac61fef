package io.mediaroutes.insights;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.ArrayList;
import java.util.Comparator;
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
    public boolean readsOtherAnalyzers() {
        return true; // the text OCR and the transcript read
    }

    @Override
    public boolean enabled() {
        return true;
    }

    @Override
    public Run start(Analysis analysis) {
        return insights -> {
            List<Keywords.TimedText> text = new ArrayList<>(analysis.text());
            text.sort(Comparator.comparingDouble(Keywords.TimedText::start)); // OCR and transcript added theirs at once
            ArrayNode keywords = Keywords.keywords(text);
            insights.set("keywords", keywords);
            insights.set("topics", Keywords.topics(keywords));
        };
    }
}
