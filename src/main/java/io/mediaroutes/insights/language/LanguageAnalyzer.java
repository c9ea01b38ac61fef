package io.mediaroutes.insights.language;

import io.mediaroutes.insights.Analysis;
import io.mediaroutes.insights.Keywords;
import io.mediaroutes.insights.TextAnalyzer;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The video's language, from what is said (the transcript) or, without speech, from what is read (OCR): Video
 * Indexer's {@code sourceLanguage}, {@code sourceLanguages}, {@code language}, {@code languages} and
 * {@code sourceLanguageConfidence}. Without text (or with too little: a clock's digits) it is English with confidence
 * 0, as Video Indexer answers for a silent video. An upload's own {@code language} wins over this (the Video Indexer API applies it).
 */
public record LanguageAnalyzer(boolean enabled) implements TextAnalyzer {

    static final String DEFAULT = "en-US";
    static final int MIN_LETTERS = 10; // a clock's digits or a logo's two letters are no language

    @Override
    public String name() {
        return "language";
    }

    @Override
    public List<String> fields() {
        return List.of("sourceLanguage", "sourceLanguages", "language", "languages", "sourceLanguageConfidence");
    }

    @Override
    public Run start(Analysis analysis) {
        return insights -> {
            Languages.Detected detected = of(List.copyOf(analysis.text()));
            insights.put("sourceLanguage", detected.language());
            insights.putArray("sourceLanguages").add(detected.language());
            insights.put("language", detected.language());
            insights.putArray("languages").add(detected.language());
            insights.put("sourceLanguageConfidence", detected.confidence());
        };
    }

    /** The language of what is said, or else of what is read; text of fewer than {@value #MIN_LETTERS} letters tells none. */
    static Languages.Detected of(List<Keywords.TimedText> text) {
        for (String source : List.of("Transcript", "Ocr")) {
            String all = text.stream().filter(t -> t.source().equals(source)).map(Keywords.TimedText::text).collect(Collectors.joining(". "));
            if (all.chars().filter(Character::isLetter).count() >= MIN_LETTERS) {
                return Languages.detect(all);
            }
        }
        return new Languages.Detected(DEFAULT, 0);
    }
}
