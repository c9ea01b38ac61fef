package io.mediaroutes.insights;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mediaroutes.insights.language.Brands;
import io.mediaroutes.insights.language.EntitiesAnalyzer;
import io.mediaroutes.insights.language.LanguageAnalyzer;
import io.mediaroutes.insights.language.SentimentAnalyzer;
import io.mediaroutes.insights.language.TopicsAnalyzer;
import io.mediaroutes.insights.vision.FacesAnalyzer;
import io.mediaroutes.insights.vision.ObjectsAnalyzer;
import io.mediaroutes.insights.vision.VisionWorker;
import io.mediaroutes.media.MediaProbe;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Fills {@code videos[0].insights} of the index with what each {@link Analyzer} finds, from one decode of the video:
 * the decode runs once for all of them ({@link Signals}), handing each its frames at its own rate, to those that want
 * the same frame at once; then each writes its fields, at once too, but for those that read the others' findings
 * (keywords, observed people's faces), which come after. Each analyzer is timed, and isolated: one that fails or is
 * switched off says so in its own fields, never in the others'.
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

    public InsightsAnalyzer(InsightsProperties settings) throws IOException {
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
                new KeywordsAnalyzer(),
                new LanguageAnalyzer(settings.language().enabled()),
                new EntitiesAnalyzer(settings.entities().enabled(), Brands.load(settings.entities().brands())),
                new SentimentAnalyzer(settings.sentiment().enabled()),
                new TopicsAnalyzer(settings.topics().enabled(), settings.modelCache()));
    }

    /** The idle vision workers stop with the app. */
    @PreDestroy
    public void close() {
        visionWorkers.close();
    }

    public Result analyze(String videoId, Path input, MediaProbe.Info info, Path work, Duration timeout) throws IOException {
        ObjectNode insights = JSON.createObjectNode();
        Map<String, Double> seconds = new ConcurrentHashMap<>();
        Map<Analyzer, ObjectNode> parts = new LinkedHashMap<>(); // each analyzer writes its own fields: they run at once
        Map<Analyzer, Analyzer.Run> runs = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newCachedThreadPool();
        try (Analysis analysis = new Analysis(videoId, input, info, work, timeout, visionWorkers)) {
            for (Analyzer analyzer : analyzers) {
                ObjectNode part = parts.computeIfAbsent(analyzer, a -> JSON.createObjectNode());
                if (!analyzer.enabled()) {
                    analyzer.fields().forEach(field -> put(part, field, JSON.createObjectNode().put("status", "disabled")));
                }
            }
            List<Analyzer> on = analyzers.stream().filter(Analyzer::enabled).toList();
            all(pool, on, a -> timed(a, seconds, parts.get(a), () -> runs.put(a, a.start(analysis))));
            boolean decode = runs.keySet().stream().anyMatch(a -> !a.readsOtherAnalyzers());
            if (decode) {
                long started = System.nanoTime();
                analysis.signals(Signals.measure(input, info.audioCodec() != null, info.durationSeconds(), work,
                        runs.keySet().stream().anyMatch(Analyzer::readsOcrFrames) ? analysis.ocrFrames() : null,
                        frames(info, runs, seconds, parts, pool), timeout));
                seconds.put("decode", (System.nanoTime() - started) / 1e9); // frame analyzers included: they pace it
            }
            // those that read no other analyzer's findings at once, then the others in order
            List<Analyzer> first = on.stream().filter(a -> runs.containsKey(a) && !a.readsOtherAnalyzers()).toList();
            all(pool, first, a -> timed(a, seconds, parts.get(a), () -> runs.get(a).finish(parts.get(a))));
            on.stream().filter(a -> runs.containsKey(a) && a.readsOtherAnalyzers())
                    .forEach(a -> timed(a, seconds, parts.get(a), () -> runs.get(a).finish(parts.get(a))));
            parts.values().forEach(part -> merge(insights, part));
            Map<String, Double> ordered = new LinkedHashMap<>();
            analyzers.stream().filter(a -> seconds.containsKey(a.name())).forEach(a -> ordered.put(a.name(), seconds.get(a.name())));
            if (seconds.containsKey("decode")) {
                ordered.put("decode", seconds.get("decode"));
            }
            if (decode) {
                LOG.info("Insights of {} ({} s of video): {}", videoId, String.format(Locale.ROOT, "%.1f", info.durationSeconds()),
                        ordered.entrySet().stream().map(e -> String.format(Locale.ROOT, "%s %.2f s", e.getKey(), e.getValue()))
                                .collect(Collectors.joining(", ")));
            }
            return new Result(insights, List.copyOf(analysis.thumbnails()), ordered);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Runs {@code step} for each analyzer, each in a thread of its own, and waits for all. */
    private static void all(ExecutorService pool, List<Analyzer> analyzers, Consumer<Analyzer> step) throws IOException {
        List<Future<?>> running = analyzers.stream().map(a -> pool.submit(() -> step.accept(a))).collect(Collectors.toList());
        for (Future<?> f : running) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while analyzing", e);
            } catch (ExecutionException e) {
                throw new IOException("analyzer step failed: " + e.getCause(), e.getCause());
            }
        }
    }

    /**
     * Hands each decoded frame to the analyzers that want one at its time, each at its own rate; those that want the
     * same frame look at it at once, and the next frame waits for them (one frame in the heap).
     */
    private Signals.FrameSink frames(MediaProbe.Info info, Map<Analyzer, Analyzer.Run> runs, Map<String, Double> seconds,
            Map<Analyzer, ObjectNode> parts, ExecutorService pool) {
        double rate = runs.keySet().stream().mapToDouble(Analyzer::framesPerSecond).max().orElse(0);
        if (rate <= 0) {
            return null;
        }
        Map<Analyzer, Double> due = new LinkedHashMap<>();
        analyzers.stream().filter(a -> runs.containsKey(a) && a.framesPerSecond() > 0).forEach(a -> due.put(a, 0.0));
        int height = Math.min(info.height(), frameHeight) / 2 * 2;
        int width = (int) Math.round((double) info.width() * height / info.height() / 2) * 2;
        return new Signals.FrameSink(rate, width, height, frame -> {
            List<Analyzer> wanting = new ArrayList<>();
            for (var next : due.entrySet()) {
                if (frame.seconds() + 0.5 / rate >= next.getValue()) {
                    next.setValue(next.getValue() + 1 / next.getKey().framesPerSecond());
                    wanting.add(next.getKey());
                }
            }
            try {
                all(pool, wanting, a -> timed(a, seconds, parts.get(a), () -> runs.get(a).frame(frame)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private interface Step {
        void run() throws Exception;
    }

    /** Runs one analyzer's step, adds its time; a failure writes {"error"} into its fields and stops it for this video. */
    private static void timed(Analyzer analyzer, Map<String, Double> seconds, ObjectNode part, Step step) {
        if (part.path(analyzer.fields().get(0)).has("error")) {
            return;
        }
        long started = System.nanoTime();
        try {
            step.run();
        } catch (Exception | LinkageError e) {
            String reason = e instanceof LinkageError ? "engine not installed: " + e : e.getMessage() != null ? e.getMessage() : e.toString();
            LOG.warn("Analyzer {} failed: {}", analyzer.name(), reason);
            analyzer.fields().forEach(field -> put(part, field, JSON.createObjectNode().put("error", reason)));
        } finally {
            seconds.merge(analyzer.name(), (System.nanoTime() - started) / 1e9, Double::sum);
        }
    }

    /** Adds an analyzer's fields to the index; objects both write into (statistics) are merged. */
    private static void merge(ObjectNode insights, ObjectNode part) {
        part.fields().forEachRemaining(field -> {
            if (field.getValue().isObject() && insights.path(field.getKey()).isObject() && !field.getValue().has("error")
                    && !field.getValue().has("status")) {
                ((ObjectNode) insights.get(field.getKey())).setAll((ObjectNode) field.getValue());
            } else {
                insights.set(field.getKey(), field.getValue());
            }
        });
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
