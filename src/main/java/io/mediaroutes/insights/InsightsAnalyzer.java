package io.mediaroutes.insights;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mediaroutes.insights.vision.FacesAnalyzer;
import io.mediaroutes.insights.vision.ObjectsAnalyzer;
import io.mediaroutes.insights.vision.VisionWorker;
import io.mediaroutes.media.MediaProbe;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Fills {@code videos[0].insights} of the index with what each {@link Analyzer} finds, from one decode of the video:
 * the decode runs once for all of them ({@link Signals}), handing each its frames at its own rate; then each writes
 * its fields, in order (keywords last, from the text the others read and heard). Each analyzer is timed, and
 * isolated: one that fails or is switched off says so in its own fields, never in the others'.
 */
@Component
public class InsightsAnalyzer {

    /** A picture to store beside the index, under thumbnails/<id>.jpg. */
    public record KeyFrame(String thumbnailId, Path jpeg) {}

    /** The insights, the pictures to store, and each analyzer's time in seconds (the shared decode under "decode"). */
    public record Result(ObjectNode insights, List<KeyFrame> keyFrames, Map<String, Double> seconds) {}

    private static final Logger LOG = LoggerFactory.getLogger(InsightsAnalyzer.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<Analyzer> analyzers;
    private final VisionWorker.Factory visionWorkers;
    private final int frameHeight;

    public InsightsAnalyzer(InsightsProperties settings) {
        this.visionWorkers = new VisionWorker.Factory(settings.vision(), settings.modelCache());
        this.frameHeight = settings.vision().frameHeight();
        this.analyzers = List.of(
                new ShotsAnalyzer(settings.shots().enabled()),
                new BlackFramesAnalyzer(settings.blackFrames().enabled()),
                new AudioAnalyzer(settings.audio().enabled()),
                new OcrAnalyzer(settings.ocr().enabled(), settings.ocr().engine(), settings.modelCache()),
                new TranscriptAnalyzer(settings.transcript().enabled(), settings.modelCache()),
                new FacesAnalyzer(settings.faces()),
                new ObjectsAnalyzer(settings.objects()),
                new KeywordsAnalyzer());
    }

    public Result analyze(String videoId, Path input, MediaProbe.Info info, Path work, Duration timeout) throws IOException {
        ObjectNode insights = JSON.createObjectNode();
        Map<String, Double> seconds = new LinkedHashMap<>();
        Map<Analyzer, Analyzer.Run> runs = new LinkedHashMap<>();
        try (Analysis analysis = new Analysis(videoId, input, info, work, timeout, visionWorkers)) {
            for (Analyzer analyzer : analyzers) {
                if (!analyzer.enabled()) {
                    analyzer.fields().forEach(field -> put(insights, field, JSON.createObjectNode().put("status", "disabled")));
                } else {
                    timed(analyzer, seconds, insights, () -> runs.put(analyzer, analyzer.start(analysis)));
                }
            }
            boolean decode = runs.keySet().stream().anyMatch(a -> !(a instanceof KeywordsAnalyzer));
            if (decode) {
                long started = System.nanoTime();
                analysis.signals(Signals.measure(input, info.audioCodec() != null, info.durationSeconds(), work,
                        runs.keySet().stream().anyMatch(Analyzer::readsOcrFrames) ? analysis.ocrFrames() : null,
                        frames(info, runs, seconds, insights), timeout));
                seconds.put("decode", (System.nanoTime() - started) / 1e9); // frame analyzers included: they pace it
            }
            for (var run : runs.entrySet()) {
                timed(run.getKey(), seconds, insights, () -> run.getValue().finish(insights));
            }
            if (decode) {
                LOG.info("Insights of {} ({} s of video): {}", videoId, String.format(Locale.ROOT, "%.1f", info.durationSeconds()),
                        seconds.entrySet().stream().map(e -> String.format(Locale.ROOT, "%s %.2f s", e.getKey(), e.getValue()))
                                .collect(Collectors.joining(", ")));
            }
            return new Result(insights, List.copyOf(analysis.thumbnails()), seconds);
        }
    }

    /** Hands each decoded frame to the analyzers that want one at its time, each at its own rate. */
    private Signals.FrameSink frames(MediaProbe.Info info, Map<Analyzer, Analyzer.Run> runs, Map<String, Double> seconds, ObjectNode insights) {
        double rate = runs.keySet().stream().mapToDouble(Analyzer::framesPerSecond).max().orElse(0);
        if (rate <= 0) {
            return null;
        }
        Map<Analyzer, Double> due = new LinkedHashMap<>();
        runs.keySet().stream().filter(a -> a.framesPerSecond() > 0).forEach(a -> due.put(a, 0.0));
        int height = Math.min(info.height(), frameHeight) / 2 * 2;
        int width = (int) Math.round((double) info.width() * height / info.height() / 2) * 2;
        return new Signals.FrameSink(rate, width, height, frame -> {
            for (var next : due.entrySet()) {
                Analyzer analyzer = next.getKey();
                if (runs.containsKey(analyzer) && frame.seconds() + 0.5 / rate >= next.getValue()) {
                    next.setValue(next.getValue() + 1 / analyzer.framesPerSecond());
                    timed(analyzer, seconds, insights, () -> runs.get(analyzer).frame(frame));
                }
            }
        });
    }

    private interface Step {
        void run() throws Exception;
    }

    /** Runs one analyzer's step, adds its time; a failure writes {"error"} into its fields and stops it for this video. */
    private void timed(Analyzer analyzer, Map<String, Double> seconds, ObjectNode insights, Step step) {
        if (insights.has(analyzer.fields().get(0)) && insights.get(analyzer.fields().get(0)).has("error")) {
            return;
        }
        long started = System.nanoTime();
        try {
            step.run();
        } catch (Exception | LinkageError e) {
            String reason = e instanceof LinkageError ? "engine not installed: " + e : e.getMessage() != null ? e.getMessage() : e.toString();
            LOG.warn("Analyzer {} failed: {}", analyzer.name(), reason);
            analyzer.fields().forEach(field -> put(insights, field, JSON.createObjectNode().put("error", reason)));
        } finally {
            seconds.merge(analyzer.name(), (System.nanoTime() - started) / 1e9, Double::sum);
        }
    }

    /** Puts a field, where "statistics.loudness" means loudness inside statistics. */
    private static void put(ObjectNode insights, String field, JsonNode value) {
        int dot = field.indexOf('.');
        if (dot < 0) {
            insights.set(field, value);
        } else {
            insights.withObject("/" + field.substring(0, dot)).set(field.substring(dot + 1), value);
        }
    }
}
