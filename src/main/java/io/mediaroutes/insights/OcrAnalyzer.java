package io.mediaroutes.insights;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;

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
                List<Ocr.Line> lines = List.of();
                double[] lastLook = null;
                for (int i = 0; i < images.size(); i++) {
                    double t = i;
                    Set<String> seen = new HashSet<>();
                    double[] look = look(images.get(i));
                    if (lastLook == null || difference(look, lastLook) > UNCHANGED) { // a still picture is read once
                        lines = reader.read(images.get(i), analysis.info().height());
                        lastLook = look;
                    }
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

    /** Mean difference of 32x18 grey samples (0..1) under which a frame is the one before it again. */
    static final double UNCHANGED = 0.01;

    private static double[] look(Path frame) throws IOException {
        BufferedImage image = ImageIO.read(frame.toFile());
        double[] look = new double[32 * 18];
        for (int i = 0; image != null && i < look.length; i++) {
            int x = (i % 32 * 2 + 1) * image.getWidth() / 64;
            int y = (i / 32 * 2 + 1) * image.getHeight() / 36;
            look[i] = (image.getRGB(x, y) & 0xff) / 255.0;
        }
        return look;
    }

    private static double difference(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += Math.abs(a[i] - b[i]);
        }
        return sum / a.length;
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
