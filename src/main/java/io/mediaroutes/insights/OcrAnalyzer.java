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
 * Text on screen, one frame a second: PP-OCR (scene text: signs, clothes, captions) reads the colour frames as the
 * decode hands them out, beside the other frame analyzers; Tesseract (pages) reads the grey frames the decode writes,
 * each also as its bright-text version, after it. A picture that did not change is read once; a line seen in
 * consecutive frames is one item, one instance per run.
 */
record OcrAnalyzer(boolean enabled, InsightsProperties.OcrEngine engine, Path modelCache) implements Analyzer {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Mean difference of 32x18 grey samples (0..1) under which a frame is the one last read again. */
    static final double UNCHANGED = 0.01;

    @Override
    public String name() {
        return "ocr";
    }

    @Override
    public List<String> fields() {
        return List.of("ocr");
    }

    @Override
    public double framesPerSecond() {
        return engine == InsightsProperties.OcrEngine.PP_OCR ? 1 : 0;
    }

    @Override
    public boolean readsOcrFrames() {
        return engine == InsightsProperties.OcrEngine.TESSERACT;
    }

    @Override
    public Run start(Analysis analysis) throws IOException {
        Lines lines = new Lines(analysis);
        if (engine == InsightsProperties.OcrEngine.PP_OCR) {
            SceneText reader = new SceneText();
            return new Run() {
                @Override
                public void frame(VideoFrame frame) throws IOException {
                    lines.frame(frame.seconds(), frame.image(), image -> reader.read(image, analysis.info().height()));
                }

                @Override
                public void finish(ObjectNode insights) {
                    reader.close();
                    insights.set("ocr", lines.finish());
                }
            };
        }
        return insights -> {
            List<Path> images;
            try (var list = Files.list(analysis.ocrFrames())) {
                images = list.filter(p -> p.getFileName().toString().startsWith("ocr-")).sorted().toList();
            }
            try (Ocr tesseract = new Ocr(modelCache)) {
                for (int i = 0; i < images.size(); i++) {
                    Path grey = images.get(i);
                    Path bright = grey.resolveSibling(grey.getFileName().toString().replace("ocr-", "ocrb-"));
                    lines.frame(i, ImageIO.read(grey.toFile()), image -> {
                        List<Ocr.Line> read = new ArrayList<>(tesseract.read(grey, analysis.info().height()));
                        read.addAll(tesseract.read(bright, analysis.info().height()));
                        return read;
                    });
                }
            }
            insights.set("ocr", lines.finish());
        };
    }

    private interface Reader {
        List<Ocr.Line> read(BufferedImage picture) throws IOException;
    }

    /** The lines read so far: items by text, the runs still on screen, and the last picture read. */
    private static final class Lines {
        private final Analysis analysis;
        private final Map<String, ObjectNode> items = new LinkedHashMap<>();
        private final Map<String, double[]> open = new LinkedHashMap<>();
        private final ArrayNode ocr = JSON.createArrayNode();
        private List<Ocr.Line> lastRead = List.of();
        private double[] lastLook;

        Lines(Analysis analysis) {
            this.analysis = analysis;
        }

        void frame(double t, BufferedImage picture, Reader reader) throws IOException {
            double[] look = Looks.of(picture, 32, 18);
            if (lastLook == null || Looks.difference(look, lastLook) > UNCHANGED) { // a still picture is read once
                lastRead = reader.read(picture);
                lastLook = look;
            }
            Set<String> seen = new HashSet<>();
            double duration = analysis.info().durationSeconds();
            for (Ocr.Line line : lastRead) {
                seen.add(line.text());
                ObjectNode item = items.computeIfAbsent(line.text(), k -> ocr.addObject().put("id", items.size() + 1)
                        .put("text", k).put("confidence", line.confidence()).put("left", line.left()).put("top", line.top())
                        .put("width", line.width()).put("height", line.height()).put("angle", 0).put("language", "en-US"));
                item.put("confidence", Math.max(item.get("confidence").asDouble(), line.confidence()));
                open.merge(line.text(), new double[] {t, Math.min(duration, t + 1)}, (a, b) -> new double[] {a[0], b[1]});
            }
            closeRuns(seen);
        }

        ArrayNode finish() {
            closeRuns(Set.of());
            return ocr;
        }

        /** Lines no longer on screen get their instance. */
        private void closeRuns(Set<String> stillSeen) {
            for (var it = open.entrySet().iterator(); it.hasNext(); ) {
                var run = it.next();
                if (!stillSeen.contains(run.getKey())) {
                    ObjectNode item = items.get(run.getKey());
                    ArrayNode instances = item.has("instances") ? (ArrayNode) item.get("instances") : item.putArray("instances");
                    Instances.add(instances, run.getValue()[0], run.getValue()[1]);
                    analysis.text().add(new Keywords.TimedText(run.getKey(), run.getValue()[0], run.getValue()[1], "Ocr"));
                    it.remove();
                }
            }
        }
    }
}
