package io.mediaroutes.insights;

import java.util.List;

/** Keywords: words repeated in what was read and heard; after OCR and transcript. */
final class KeywordsAnalyzer implements TextAnalyzer {

    @Override
    public String name() {
        return "keywords";
    }

    @Override
    public List<String> fields() {
        return List.of("keywords");
    }

    @Override
    public boolean enabled() {
        return true;
    }

    @Override
    public Run start(Analysis analysis) {
        return insights -> {
            insights.set("keywords", Keywords.keywords(Analysis.byTime(analysis.text())));
        };
    }
}
