package io.mediaroutes.insights;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Text on screen, on one grey frame a second: PP-OCR (scene text: signs, clothes, captions) or Tesseract (pages; it
 * also reads a bright-text version of each frame); a line seen in consecutive frames is one item, one instance per run.
 */
record OcrAnalyzer(boolean enabled, InsightsProperties.OcrEngine engine, Path modelCache) implements Analyzer {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String name() {
        return "ocr";
    }

    @Override
    public List<String> fields() {
        return List.of("ocr");
    }

    @Override
    public boolean readsOcrFrames() {
        return true;
    }

    @Override
    public Run start(Analysis analysis) {
        return insights -> {
            double duration = analysis.info().durationSeconds();
            Map<String, ObjectNode> items = new LinkedHashMap<>();
            Map<String, double[]> open = new LinkedHashMap<>();
            ArrayNode ocr = JSON.createArrayNode();
            List<Path> images;
            try (var list = Files.list(analysis.ocrFrames())) {
                images = list.filter(p -> p.getFileName().toString().startsWith("ocr-")).sorted().toList();
            }
            try (TextReader reader = reader()) {
                for (int i = 0; i < images.size(); i++) {
                    double t = i;
                    Set<String> seen = new HashSet<>();
                    List<Ocr.Line> lines = reader.read(images.get(i), analysis.info().height());
                    for (Ocr.Line line : lines) {
                        seen.add(line.text());
                        ObjectNode item = items.computeIfAbsent(line.text(), k -> ocr.addObject().put("id", items.size() + 1)
                                .put("text", k).put("confidence", line.confidence()).put("left", line.left()).put("top", line.top())
                                .put("width", line.width()).put("height", line.height()).put("angle", 0).put("language", "en-US"));
                        item.put("confidence", Math.max(item.get("confidence").asDouble(), line.confidence()));
                        open.merge(line.text(), new double[] {t, Math.min(duration, t + 1)}, (a, b) -> new double[] {a[0], b[1]});
                    }
                    closeRuns(open, seen, items, analysis.text());
                }
                closeRuns(open, Set.of(), items, analysis.text());
            }
            insights.set("ocr", ocr);
        };
    }

    /** Reads the lines of one frame. */
    private interface TextReader extends AutoCloseable {
        List<Ocr.Line> read(Path frame, int videoHeight) throws IOException;

        @Override
        void close();
    }

    private TextReader reader() throws IOException {
        if (engine == InsightsProperties.OcrEngine.PP_OCR) {
            SceneText sceneText = new SceneText();
            return new TextReader() {
                public List<Ocr.Line> read(Path frame, int videoHeight) throws IOException {
                    return sceneText.read(frame, videoHeight);
                }

                public void close() {
                    sceneText.close();
                }
            };
        }
        Ocr tesseract = new Ocr(modelCache);
        return new TextReader() {
            public List<Ocr.Line> read(Path frame, int videoHeight) {
                List<Ocr.Line> lines = new ArrayList<>(tesseract.read(frame, videoHeight));
                Path bright = frame.resolveSibling(frame.getFileName().toString().replace("ocr-", "ocrb-"));
                lines.addAll(tesseract.read(bright, videoHeight));
                return lines;
            }

            public void close() {
                tesseract.close();
            }
        };
    }

    /** Lines no longer on screen get their instance. */
    private static void closeRuns(Map<String, double[]> open, Set<String> stillSeen, Map<String, ObjectNode> items,
            List<Keywords.TimedText> text) {
        for (var it = open.entrySet().iterator(); it.hasNext(); ) {
            var run = it.next();
            if (!stillSeen.contains(run.getKey())) {
                ObjectNode item = items.get(run.getKey());
                ArrayNode instances = item.has("instances") ? (ArrayNode) item.get("instances") : item.putArray("instances");
                Instances.add(instances, run.getValue()[0], run.getValue()[1]);
                text.add(new Keywords.TimedText(run.getKey(), run.getValue()[0], run.getValue()[1]));
                it.remove();
            }
        }
    }
}
