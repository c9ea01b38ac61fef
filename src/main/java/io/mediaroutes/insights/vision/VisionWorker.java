package io.mediaroutes.insights.vision;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mediaroutes.insights.InsightsProperties;
import io.mediaroutes.insights.VideoFrame;
import java.io.BufferedReader;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The vision worker of one video: {@code src/main/resources/vision/worker.mjs} on the Node.js and packages the build
 * installed ({@code mediaroutes.insights.vision.home}), fed one frame at a time on stdin, answering one JSON line each;
 * it also reads text, all of a video's lines at once, for the text analyzers (named people and places, sentiment), and a
 * worker that only reads text never loads the vision models. Frames and text never leave the machine: the worker reads no address but its own model files. A worker that exits, hangs
 * past {@link #FRAME_TIMEOUT_SECONDS} s on a frame or answers garbage fails the analyzer that uses it, with its reason
 * (the tail of its stderr), and is not used again; the next video gets a new one.
 */
public final class VisionWorker implements AutoCloseable {

    public static final int FACES = 1;
    public static final int OBJECTS = 2;
    public static final int FACES_WITH_EMBEDDINGS = 4;
    static final int TEXT = 8;
    static final int FRAME_TIMEOUT_SECONDS = 120;
    private static final int START_TIMEOUT_SECONDS = 180;

    /** A face: its box in the frame's pixels, the detector's score, and its embedding when asked for. */
    public record Face(Box box, double score, float[] embedding) {}

    /** An object of one of COCO's 80 classes. */
    public record Detected(String label, Box box, double score) {}

    public record Box(int x, int y, int width, int height) {
        double overlap(Box o) {
            int w = Math.min(x + width, o.x + o.width) - Math.max(x, o.x);
            int h = Math.min(y + height, o.y + o.height) - Math.max(y, o.y);
            return w <= 0 || h <= 0 ? 0 : (double) w * h / (width * height + o.width * o.height - w * h);
        }
    }

    public record Answer(List<Face> faces, List<Detected> objects) {}

    /** What the worker read in a line of text: the people and places it names, and its sentiment (-1 to 1). */
    public record Reading(List<String> people, List<String> places, double sentiment) {}

    /**
     * Starts workers where the build installed them, and keeps those that finished a video cleanly for the next one
     * (a start loads the models: seconds of CPU), up to {@value #IDLE_PER_KIND} idle per kind.
     */
    public static final class Factory implements AutoCloseable {
        static final int IDLE_PER_KIND = 2;
        private final Path home;
        private final Path logs;
        private final Map<String, Deque<VisionWorker>> idle = new HashMap<>();

        public Factory(InsightsProperties.Vision settings, Path modelCache) {
            this.home = settings.home().toAbsolutePath().normalize();
            this.logs = modelCache.toAbsolutePath().resolve("vision");
        }

        /** An idle worker for this kind of analyzer, or a new one. */
        public VisionWorker take(String kind) throws IOException {
            synchronized (idle) {
                Deque<VisionWorker> waiting = idle.getOrDefault(kind, new ArrayDeque<>());
                while (!waiting.isEmpty()) {
                    VisionWorker worker = waiting.pop();
                    if (worker.process.isAlive()) {
                        return worker;
                    }
                }
            }
            return start();
        }

        /** A worker back from a video: kept if it is alive and answered every frame it was given. */
        public void give(String kind, VisionWorker worker) {
            synchronized (idle) {
                Deque<VisionWorker> waiting = idle.computeIfAbsent(kind, k -> new ArrayDeque<>());
                if (worker.clean && worker.process.isAlive() && waiting.size() < IDLE_PER_KIND) {
                    waiting.push(worker);
                    return;
                }
            }
            worker.close();
        }

        private VisionWorker start() throws IOException {
            Path node = home.resolve("runtime/node/bin/node");
            Path modules = home.resolve("node_modules");
            if (!Files.isExecutable(node) || !Files.isDirectory(modules.resolve("@vladmandic/human/models"))) {
                throw new IOException("engine not installed: no vision worker at " + home
                        + " (the build installs it there: mvn package; or set mediaroutes.insights.vision.home)");
            }
            Files.createDirectories(logs);
            Path script = Files.createTempFile(logs, "worker-", ".mjs");
            try (InputStream in = VisionWorker.class.getResourceAsStream("/vision/worker.mjs")) {
                if (in == null) {
                    throw new IOException("engine not installed: vision/worker.mjs is not on the classpath");
                }
                Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
            }
            Path log = Files.createTempFile(logs, "worker-", ".log");
            ProcessBuilder builder = new ProcessBuilder(node.toString(), script.toString()).redirectError(log.toFile());
            builder.environment().put("MEDIAROUTES_VISION_MODULES", modules.toString());
            return new VisionWorker(builder.start(), log, script);
        }

        @Override
        public void close() {
            synchronized (idle) {
                idle.values().forEach(waiting -> waiting.forEach(VisionWorker::close));
                idle.clear();
            }
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "vision-watchdog");
        t.setDaemon(true);
        return t;
    });

    private final Process process;
    private final Path log;
    private final Path script;
    private volatile boolean clean = true;
    private final DataOutputStream in;
    private final BufferedReader out;

    private VisionWorker(Process process, Path log, Path script) throws IOException {
        this.process = process;
        this.log = log;
        this.script = script;
        this.in = new DataOutputStream(process.getOutputStream());
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        JsonNode ready = answer(START_TIMEOUT_SECONDS);
        if (!ready.path("ready").asBoolean()) {
            close();
            throw new IOException("vision worker did not start: " + ready);
        }
    }

    /** What the worker sees in one frame; {@code what} is a sum of {@link #FACES}, {@link #OBJECTS}, {@link #FACES_WITH_EMBEDDINGS}. */
    public synchronized Answer detect(VideoFrame frame, int what) throws IOException {
        clean = false; // until its answer is read: a worker left mid-frame is not given to the next video
        try {
            in.writeInt(frame.width());
            in.writeInt(frame.height());
            in.writeInt(what);
            in.write(frame.rgb());
            in.flush();
        } catch (IOException e) {
            throw failed("its input closed");
        }
        JsonNode answer = answer(FRAME_TIMEOUT_SECONDS);
        List<Face> faces = new ArrayList<>();
        for (JsonNode f : answer.path("faces")) {
            float[] embedding = null;
            if (f.has("embedding")) {
                embedding = new float[f.get("embedding").size()];
                for (int i = 0; i < embedding.length; i++) {
                    embedding[i] = (float) f.get("embedding").get(i).asDouble();
                }
            }
            faces.add(new Face(box(f.get("box")), f.path("score").asDouble(), embedding));
        }
        List<Detected> objects = new ArrayList<>();
        for (JsonNode o : answer.path("objects")) {
            objects.add(new Detected(o.path("label").asText(), box(o.get("box")), o.path("score").asDouble()));
        }
        clean = true;
        return new Answer(faces, objects);
    }

    /** What the worker reads in each of {@code lines}, in their order. */
    public synchronized List<Reading> read(List<String> lines) throws IOException {
        clean = false;
        byte[] body = JSON.writeValueAsBytes(Map.of("lines", lines));
        try {
            in.writeInt(body.length);
            in.writeInt(0);
            in.writeInt(TEXT);
            in.write(body);
            in.flush();
        } catch (IOException e) {
            throw failed("its input closed");
        }
        JsonNode answer = answer(FRAME_TIMEOUT_SECONDS).path("lines");
        if (answer.size() != lines.size()) {
            throw failed("it read " + answer.size() + " lines of " + lines.size());
        }
        List<Reading> readings = new ArrayList<>();
        for (JsonNode line : answer) {
            readings.add(new Reading(texts(line.path("people")), texts(line.path("places")), line.path("sentiment").asDouble()));
        }
        clean = true;
        return readings;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(t -> texts.add(t.asText()));
        return texts;
    }

    private JsonNode answer(int timeoutSeconds) throws IOException {
        ScheduledFuture<?> deadline = WATCHDOG.schedule(process::destroyForcibly, timeoutSeconds, TimeUnit.SECONDS);
        String line;
        try {
            line = out.readLine();
        } finally {
            deadline.cancel(false);
        }
        if (line == null) {
            throw failed(deadline.isDone() && !deadline.isCancelled() ? "no answer within " + timeoutSeconds + " s" : "it exited");
        }
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw failed("it answered " + line.substring(0, Math.min(80, line.length())));
        }
    }

    private IOException failed(String what) {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS); // all it wrote is in its log
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        String stderr = "";
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            stderr = String.join(" ", lines.subList(Math.max(0, lines.size() - 3), lines.size())).strip();
        } catch (IOException ignored) {
            // no log to quote
        }
        close();
        return new IOException("vision worker failed: " + what + (stderr.isEmpty() ? "" : ": " + stderr));
    }

    private static Box box(JsonNode b) throws IOException {
        if (b == null || b.size() != 4) {
            throw new IOException("vision worker answered a box without 4 numbers: " + b);
        }
        return new Box(b.get(0).asInt(), b.get(1).asInt(), b.get(2).asInt(), b.get(3).asInt());
    }

    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
            Files.deleteIfExists(log);
            Files.deleteIfExists(script);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // a log left behind in the model cache: harmless
        }
    }
}
