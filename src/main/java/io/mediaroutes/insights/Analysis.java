package io.mediaroutes.insights;

import io.mediaroutes.insights.vision.VisionWorker;
import io.mediaroutes.media.MediaProbe;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the analyzers of one video share: the video, the shared decode's measurements, the text the text-reading
 * analyzers found (for keywords), the pictures to store beside the index, and one vision worker for those that
 * need it.
 */
public final class Analysis implements AutoCloseable {

    private final String videoId;
    private final Path input;
    private final MediaProbe.Info info;
    private final Path work;
    private final Duration timeout;
    private final VisionWorker.Factory visionWorkers;
    private final List<Keywords.TimedText> text = Collections.synchronizedList(new ArrayList<>());
    private final List<InsightsAnalyzer.KeyFrame> thumbnails = Collections.synchronizedList(new ArrayList<>());
    private final List<SeenFace> faces = Collections.synchronizedList(new ArrayList<>());
    private Signals signals = Signals.NONE;
    private final Map<String, VisionWorker> vision = new HashMap<>();
    private Read read;

    public Analysis(String videoId, Path input, MediaProbe.Info info, Path work, Duration timeout, VisionWorker.Factory visionWorkers) {
        this.videoId = videoId;
        this.input = input;
        this.info = info;
        this.work = work;
        this.timeout = timeout;
        this.visionWorkers = visionWorkers;
    }

    public String videoId() {
        return videoId;
    }

    public Path input() {
        return input;
    }

    public MediaProbe.Info info() {
        return info;
    }

    public Path work() {
        return work;
    }

    public Duration timeout() {
        return timeout;
    }

    /** What the shared decode measured; {@link Signals#NONE} until it ran. */
    public Signals signals() {
        return signals;
    }

    void signals(Signals signals) {
        this.signals = signals;
    }

    /** Where the shared decode writes one grey frame a second for OCR. */
    public Path ocrFrames() {
        return work.resolve("ocr");
    }

    /** Lines of text read or heard, with their times: what keywords and topics are made of. */
    public List<Keywords.TimedText> text() {
        return text;
    }

    /** Pictures to store as {@code thumbnails/<id>.jpg} beside the index (key frames, faces, objects). */
    public List<InsightsAnalyzer.KeyFrame> thumbnails() {
        return thumbnails;
    }

    /** A person's face as last seen in one appearance (frame pixels), for the analyzers after faces. */
    public record SeenFace(int faceId, double confidence, double first, double last, int x, int y, int width, int height) {}

    /** Faces the faces analyzer found, each appearance once; empty if it is off, failed or found none. */
    public List<SeenFace> faces() {
        return faces;
    }

    public void faceSeen(SeenFace face) {
        faces.add(face);
    }

    /**
     * The vision worker of one analyzer for this video, taken on first use and given back with the analysis: one
     * per analyzer, so that faces and objects are looked for at once, on both cores.
     */
    public synchronized VisionWorker vision(String analyzer) throws IOException {
        VisionWorker worker = vision.get(analyzer);
        if (worker == null) {
            worker = visionWorkers.take(analyzer);
            vision.put(analyzer, worker);
        }
        return worker;
    }

    /** A copy of {@code text} in the order of time (OCR and the transcript add theirs at once). */
    public static List<Keywords.TimedText> byTime(List<Keywords.TimedText> text) {
        List<Keywords.TimedText> lines;
        synchronized (text) {
            lines = new ArrayList<>(text);
        }
        lines.sort(Comparator.comparingDouble(Keywords.TimedText::start));
        return lines;
    }

    /** The text found (all lines, by time) and what the worker read in each line. */
    public record Read(List<Keywords.TimedText> lines, List<VisionWorker.Reading> readings) {}

    /**
     * What the worker reads in the text OCR and the transcript found, asked once for the analyzers that need it
     * (named entities, sentiment), after those two finished.
     */
    public synchronized Read read() throws IOException {
        if (read == null) {
            List<Keywords.TimedText> lines = byTime(text);
            read = new Read(lines, lines.isEmpty() ? List.of() : vision("text").read(lines.stream().map(Keywords.TimedText::text).toList()));
        }
        return read;
    }

    @Override
    public synchronized void close() {
        vision.forEach(visionWorkers::give);
    }
}
