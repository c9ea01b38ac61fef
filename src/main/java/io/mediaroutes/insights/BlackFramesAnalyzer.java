package io.mediaroutes.insights;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.List;

/** Black intervals, as ffmpeg's blackdetect measured them in the shared decode. */
record BlackFramesAnalyzer(boolean enabled) implements Analyzer {

    @Override
    public String name() {
        return "blackFrames";
    }

    @Override
    public List<String> fields() {
        return List.of("blackFrames");
    }

    @Override
    public Run start(Analysis analysis) {
        return insights -> {
            ArrayNode blackFrames = insights.putArray("blackFrames");
            int id = 1;
            for (Signals.Interval b : analysis.signals().black()) {
                Instances.add(blackFrames.addObject().put("id", id++).putArray("instances"), b.start(), b.end());
            }
        };
    }
}
