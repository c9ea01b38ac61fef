package io.mediaroutes.insights;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * What is said: Vosk's small English model on the shared decode's 16 kHz mono sound; an empty list without sound.
 * Speech the English model does not understand (another language, as a rule) is not written as English words: when
 * {@value #MIN_WORDS} words or more were heard at a mean confidence under {@value #MIN_CONFIDENCE}, the transcript
 * reads {@code {"status": "not understood", "reason": ...}}. Measured (bench/quality): real read English 0.82-1.00
 * (0.97 on most), espeak-ng's French, German, Spanish and Italian 0.72-0.79.
 */
record TranscriptAnalyzer(boolean enabled, Path modelCache) implements Analyzer {

    static final int MIN_WORDS = 10;
    static final double MIN_CONFIDENCE = 0.8;

    @Override
    public String name() {
        return "transcript";
    }

    @Override
    public List<String> fields() {
        return List.of("transcript");
    }

    @Override
    public Run start(Analysis analysis) {
        return insights -> {
            if (analysis.info().audioCodec() == null) {
                insights.putArray("transcript");
                return;
            }
            List<Transcriber.Line> heard = Transcriber.transcribe(analysis.work().resolve(Signals.SPEECH_PCM), modelCache);
            int words = 0;
            double confidence = 0;
            for (Transcriber.Line line : heard) {
                int n = line.text().split(" ").length;
                words += n;
                confidence += n * line.confidence();
            }
            if (words >= MIN_WORDS && confidence / words < MIN_CONFIDENCE) {
                insights.putObject("transcript").put("status", "not understood").put("reason", String.format(Locale.ROOT,
                        "the speech does not sound like English, the one language this transcriber has a model for"
                                + " (mean word confidence %.2f over %d words)", confidence / words, words));
                return;
            }
            ArrayNode lines = insights.putArray("transcript");
            int id = 1;
            for (Transcriber.Line line : heard) {
                ObjectNode item = lines.addObject().put("id", id++).put("text", line.text()).put("confidence", line.confidence())
                        .put("speakerId", 1).put("language", "en-US");
                Instances.add(item.putArray("instances"), line.start(), line.end());
                analysis.text().add(new Keywords.TimedText(line.text(), line.start(), line.end(), "Transcript"));
            }
        };
    }
}
