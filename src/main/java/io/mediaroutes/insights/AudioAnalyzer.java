package io.mediaroutes.insights;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** Silence (audioEffects), the blocks of sound between silences, and EBU R128 loudness (statistics.loudness). */
record AudioAnalyzer(boolean enabled) implements Analyzer {

    @Override
    public String name() {
        return "audio";
    }

    @Override
    public List<String> fields() {
        return List.of("audioEffects", "blocks", "statistics.loudness");
    }

    @Override
    public Run start(Analysis analysis) {
        return insights -> {
            Signals signals = analysis.signals();
            ArrayNode effects = insights.putArray("audioEffects");
            if (!signals.silence().isEmpty()) {
                ArrayNode instances = effects.addObject().put("id", 1).put("type", "Silence").putArray("instances");
                signals.silence().forEach(s -> Instances.add(instances, s.start(), s.end()).put("confidence", 1.0)); // measured, not guessed
            }
            ArrayNode blocks = insights.putArray("blocks");
            int id = 0;
            for (double[] block : between(signals.silence(), analysis.info().durationSeconds())) {
                Instances.add(blocks.addObject().put("id", id++).putArray("instances"), block[0], block[1]);
            }
            Signals.Loudness l = signals.loudness();
            ObjectNode loudness = insights.withObject("/statistics").putObject("loudness");
            loudness.putPOJO("integratedLufs", l.integratedLufs());
            loudness.putPOJO("rangeLu", l.rangeLu());
            loudness.putPOJO("truePeakDbfs", l.truePeakDbfs());
        };
    }

    /** The spans between silences: where there is sound. */
    static List<double[]> between(List<Signals.Interval> silences, double duration) {
        List<double[]> spans = new ArrayList<>();
        double start = 0;
        for (Signals.Interval s : silences) {
            if (s.start() - start > 0.1) {
                spans.add(new double[] {start, s.start()});
            }
            start = Math.max(start, s.end());
        }
        if (duration - start > 0.1) {
            spans.add(new double[] {start, duration});
        }
        return spans;
    }
}
