package io.mediaroutes.insights;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;

/** What is said: Vosk's small English model on the shared decode's 16 kHz mono sound; an empty list without sound. */
record TranscriptAnalyzer(boolean enabled, Path modelCache) implements Analyzer {

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
            ArrayNode lines = insights.putArray("transcript");
            if (analysis.info().audioCodec() == null) {
                return;
            }
            int id = 1;
            for (Transcriber.Line line : Transcriber.transcribe(analysis.work().resolve(Signals.SPEECH_PCM), modelCache)) {
                ObjectNode item = lines.addObject().put("id", id++).put("text", line.text()).put("confidence", line.confidence())
                        .put("speakerId", 1).put("language", "en-US");
                Instances.add(item.putArray("instances"), line.start(), line.end());
                analysis.text().add(new Keywords.TimedText(line.text(), line.start(), line.end(), "Transcript"));
            }
        };
    }
}
