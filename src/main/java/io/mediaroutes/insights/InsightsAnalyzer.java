package io.mediaroutes.insights;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mediaroutes.media.Ffmpeg;
import io.mediaroutes.media.MediaProbe;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Fills {@code videos[0].insights} of the index: shots with key frames, scenes, black frames, silence
 * (audioEffects), blocks, loudness, and the text-based insights. Each analyzer can be switched off
 * ({@code mediaroutes.insights.<name>.enabled=false}); a switched-off analyzer's field reads
 * {@code {"status":"disabled"}}, and one whose engine is missing reads {@code {"error":"engine not installed: ..."}},
 * so a field is never silently absent.
 */
@Component
public class InsightsAnalyzer {

    /** A key frame picture to store beside the index, under thumbnails/<id>.jpg. */
    public record KeyFrame(String thumbnailId, Path jpeg) {}

    public record Result(ObjectNode insights, List<KeyFrame> keyFrames) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    private final boolean shots;
    private final boolean black;
    private final boolean audio;
    private final boolean ocr;
    private final boolean transcript;
    private final Path modelCache;

    public InsightsAnalyzer(InsightsProperties analyzers) {
        boolean shots = analyzers.shots().enabled();
        boolean black = analyzers.blackFrames().enabled();
        boolean audio = analyzers.audio().enabled();
        boolean ocr = analyzers.ocr().enabled();
        boolean transcript = analyzers.transcript().enabled();
        Path modelCache = analyzers.modelCache();
        this.transcript = transcript;
        this.shots = shots;
        this.black = black;
        this.audio = audio;
        this.ocr = ocr;
        this.modelCache = modelCache;
    }

    public Result analyze(String videoId, Path input, MediaProbe.Info info, Path work, Duration timeout) throws IOException {
        Path ocrFrames = ocr ? work.resolve("ocr") : null;
        boolean anyOn = shots || black || audio || ocr || transcript;
        Signals signals = anyOn ? Signals.measure(input, info.audioCodec() != null, info.durationSeconds(), work, ocrFrames, timeout)
                : Signals.NONE;
        ObjectNode insights = JSON.createObjectNode();
        List<KeyFrame> keyFrames = new ArrayList<>();
        double duration = info.durationSeconds();

        List<double[]> shotSpans = shotSpans(signals, duration);
        if (shots) {
            ArrayNode shotsNode = insights.putArray("shots");
            for (int i = 0; i < shotSpans.size(); i++) {
                double[] span = shotSpans.get(i);
                ObjectNode shot = shotsNode.addObject().put("id", i + 1);
                shot.putArray("tags");
                double keyTime = (span[0] + span[1]) / 2;
                String thumbnailId = UUID.nameUUIDFromBytes((videoId + "/keyframe/" + i).getBytes(StandardCharsets.UTF_8)).toString();
                Path jpeg = work.resolve("keyframe-" + i + ".jpg");
                // ffmpeg succeeds without a picture when the time falls past the last frame (a one-frame video)
                if (Ffmpeg.ffmpeg(keyFrameArgs(input, keyTime, jpeg), timeout).ok() && Files.exists(jpeg)) {
                    keyFrames.add(new KeyFrame(thumbnailId, jpeg));
                }
                ObjectNode keyFrame = shot.putArray("keyFrames").addObject().put("id", i + 1);
                instance(keyFrame.putArray("instances"), keyTime, keyTime + 1.0 / Signals.FPS).put("thumbnailId", thumbnailId);
                instance(shot.putArray("instances"), span[0], span[1]);
            }
            ArrayNode scenes = insights.putArray("scenes");
            int id = 1;
            for (double[] scene : scenes(shotSpans, signals)) {
                instance(scenes.addObject().put("id", id++).putArray("instances"), scene[0], scene[1]);
            }
        } else {
            insights.putObject("shots").put("status", "disabled");
            insights.putObject("scenes").put("status", "disabled");
        }
        if (black) {
            ArrayNode blackFrames = insights.putArray("blackFrames");
            int id = 1;
            for (Signals.Interval b : signals.black()) {
                instance(blackFrames.addObject().put("id", id++).putArray("instances"), b.start(), b.end());
            }
        } else {
            insights.putObject("blackFrames").put("status", "disabled");
        }
        if (audio) {
            ArrayNode effects = insights.putArray("audioEffects");
            if (!signals.silence().isEmpty()) {
                ArrayNode instances = effects.addObject().put("id", 1).put("type", "Silence").putArray("instances");
                signals.silence().forEach(s -> instance(instances, s.start(), s.end()).put("confidence", 1.0)); // measured, not guessed
            }
            ArrayNode blocks = insights.putArray("blocks");
            int id = 0;
            for (double[] block : between(signals.silence(), duration)) {
                instance(blocks.addObject().put("id", id++).putArray("instances"), block[0], block[1]);
            }
        } else {
            insights.putObject("audioEffects").put("status", "disabled");
            insights.putObject("blocks").put("status", "disabled");
        }
        List<Keywords.TimedText> text = new ArrayList<>();
        if (ocr) {
            try {
                insights.set("ocr", ocr(ocrFrames, duration, info.height(), text));
            } catch (IOException | LinkageError e) {
                insights.putObject("ocr").put("error", e.getMessage().startsWith("engine not installed") ? e.getMessage()
                        : "engine not installed: " + e.getMessage());
            }
        } else {
            insights.putObject("ocr").put("status", "disabled");
        }
        if (!transcript) {
            insights.putObject("transcript").put("status", "disabled");
        } else if (info.audioCodec() == null) {
            insights.putArray("transcript");
        } else {
            try {
                insights.set("transcript", transcript(work.resolve(Signals.SPEECH_PCM), text));
            } catch (IOException | LinkageError e) {
                insights.putObject("transcript").put("error", e.getMessage() != null && e.getMessage().startsWith("engine not installed")
                        ? e.getMessage() : "engine not installed: " + e);
            }
        }
        ArrayNode keywords = Keywords.keywords(text);
        insights.set("keywords", keywords);
        insights.set("topics", Keywords.topics(keywords));

        ObjectNode loudness = JSON.createObjectNode();
        Signals.Loudness l = signals.loudness();
        loudness.putPOJO("integratedLufs", l.integratedLufs());
        loudness.putPOJO("rangeLu", l.rangeLu());
        loudness.putPOJO("truePeakDbfs", l.truePeakDbfs());
        insights.putObject("statistics").set("loudness", audio ? loudness : JSON.createObjectNode().put("status", "disabled"));
        return new Result(insights, keyFrames);
    }

    private ArrayNode transcript(Path pcm, List<Keywords.TimedText> text) throws IOException {
        ArrayNode lines = JSON.createArrayNode();
        int id = 1;
        for (Transcriber.Line line : Transcriber.transcribe(pcm, modelCache)) {
            ObjectNode item = lines.addObject().put("id", id++).put("text", line.text()).put("confidence", line.confidence())
                    .put("speakerId", 1).put("language", "en-US");
            instance(item.putArray("instances"), line.start(), line.end());
            text.add(new Keywords.TimedText(line.text(), line.start(), line.end()));
        }
        return lines;
    }

    /** OCR of one frame a second; a line seen in consecutive frames is one item with one instance per run. */
    private ArrayNode ocr(Path frames, double duration, int videoHeight, List<Keywords.TimedText> text) throws IOException {
        Map<String, ObjectNode> items = new LinkedHashMap<>();
        Map<String, double[]> open = new LinkedHashMap<>();
        ArrayNode ocrNode = JSON.createArrayNode();
        List<Path> images;
        try (var list = Files.list(frames)) {
            images = list.filter(p -> p.getFileName().toString().startsWith("ocr-")).sorted().toList();
        }
        try (Ocr engine = new Ocr(modelCache)) {
            for (int i = 0; i < images.size(); i++) {
                double t = i;
                Set<String> seen = new HashSet<>();
                List<Ocr.Line> lines = new ArrayList<>(engine.read(images.get(i), videoHeight));
                Path bright = images.get(i).resolveSibling(images.get(i).getFileName().toString().replace("ocr-", "ocrb-"));
                lines.addAll(engine.read(bright, videoHeight));
                for (Ocr.Line line : lines) {
                    seen.add(line.text());
                    ObjectNode item = items.computeIfAbsent(line.text(), k -> ocrNode.addObject().put("id", items.size() + 1)
                            .put("text", k).put("confidence", line.confidence()).put("left", line.left()).put("top", line.top())
                            .put("width", line.width()).put("height", line.height()).put("angle", 0).put("language", "en-US"));
                    item.put("confidence", Math.max(item.get("confidence").asDouble(), line.confidence()));
                    open.merge(line.text(), new double[] {t, Math.min(duration, t + 1)}, (a, b) -> new double[] {a[0], b[1]});
                }
                closeRuns(open, seen, items, text);
            }
            closeRuns(open, Set.of(), items, text);
        }
        return ocrNode;
    }

    /** Lines no longer on screen get their instance. */
    private static void closeRuns(Map<String, double[]> open, Set<String> stillSeen, Map<String, ObjectNode> items,
            List<Keywords.TimedText> text) {
        for (var it = open.entrySet().iterator(); it.hasNext(); ) {
            var run = it.next();
            if (!stillSeen.contains(run.getKey())) {
                ObjectNode item = items.get(run.getKey());
                ArrayNode instances = item.has("instances") ? (ArrayNode) item.get("instances") : item.putArray("instances");
                instance(instances, run.getValue()[0], run.getValue()[1]);
                text.add(new Keywords.TimedText(run.getKey(), run.getValue()[0], run.getValue()[1]));
                it.remove();
            }
        }
    }

    /** Shots as [start, end] seconds between detected boundaries. */
    static List<double[]> shotSpans(Signals signals, double duration) {
        List<double[]> spans = new ArrayList<>();
        double start = 0;
        for (double boundary : ShotDetector.DEFAULT.boundaries(signals.histograms(), signals.frames(), Signals.FPS)) {
            if (boundary - start >= 0.2 && boundary < duration) {
                spans.add(new double[] {start, boundary});
                start = boundary;
            }
        }
        spans.add(new double[] {start, duration});
        return spans;
    }

    /**
     * Scenes: runs of shots with similar colours (histogram distance of their middle frames under 0.5); a black
     * interval between two shots always starts a new scene.
     */
    static List<double[]> scenes(List<double[]> shots, Signals signals) {
        List<double[]> scenes = new ArrayList<>();
        double[] current = null;
        double[] sceneColours = null;
        for (double[] shot : shots) {
            double[] colours = frameAt(signals, (shot[0] + shot[1]) / 2);
            boolean blackBefore = signals.black().stream().anyMatch(b -> Math.abs(b.end() - shot[0]) < 0.5 || Math.abs(b.start() - shot[0]) < 0.5);
            if (current == null || blackBefore || colours == null || sceneColours == null
                    || ShotDetector.distance(colours, sceneColours) >= 0.5) {
                current = new double[] {shot[0], shot[1]};
                sceneColours = colours;
                scenes.add(current);
            } else {
                current[1] = shot[1];
            }
        }
        return scenes;
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

    private static double[] frameAt(Signals signals, double seconds) {
        int i = (int) Math.min(signals.histograms().size() - 1, Math.round(seconds * Signals.FPS));
        return i < 0 ? null : signals.histograms().get(i);
    }

    private static ObjectNode instance(ArrayNode instances, double start, double end) {
        return instances.addObject()
                .put("adjustedStart", Timecode.format(start)).put("adjustedEnd", Timecode.format(end))
                .put("start", Timecode.format(start)).put("end", Timecode.format(end));
    }

    private static List<String> keyFrameArgs(Path input, double at, Path jpeg) {
        return List.of("-ss", String.format(Locale.ROOT, "%.3f", at), "-i", input.toString(), "-frames:v", "1",
                "-vf", "scale=-2:240", "-q:v", "4", jpeg.toString());
    }
}
