package io.mediaroutes.insights;

/** An analyzer of the text others found ({@link Analysis#text()}: what OCR read and the transcript heard): it finishes after them. */
public interface TextAnalyzer extends Analyzer {

    @Override
    default boolean readsOtherAnalyzers() {
        return true;
    }
}
