package io.mediaroutes.insights;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.vosk.LibVosk;
import org.vosk.LogLevel;
import org.vosk.Model;
import org.vosk.Recognizer;

/**
 * Speech to text with Vosk (Kaldi) and its small English model, which the build puts on the classpath; the
 * model is unpacked under the model cache once and loaded once per process. Input: 16 kHz mono s16le PCM. The
 * recognizer hears only what {@link SpeechDetector} finds to be speech (the rest is silenced, so times are kept), and
 * each line is written as a sentence: a capital first letter, "I", a full stop.
 */
public final class Transcriber {

    /** One recognised utterance: its words, times and mean word confidence. */
    public record Line(String text, double start, double end, double confidence) {}

    private static final String MODEL_ARCHIVE = "/models/vosk-model-en.aar";
    private static final String MODEL_DIR_IN_ARCHIVE = "assets/model-en-us/";
    private static final ObjectMapper JSON = new ObjectMapper();
    static final double PAUSE_SECONDS = 0.5;
    static final int MAX_WORDS = 16;
    private static Model model;

    private Transcriber() {}

    public static List<Line> transcribe(Path pcm, Path modelCache) throws IOException {
        return transcribe(pcm, modelCache, true);
    }

    /** With {@code speechOnly} false the recognizer hears everything (bench/quality compares the two). */
    public static List<Line> transcribe(Path pcm, Path modelCache, boolean speechOnly) throws IOException {
        BitSet speech;
        if (speechOnly) {
            try (InputStream in = new BufferedInputStream(Files.newInputStream(pcm))) {
                speech = SpeechDetector.speech(in);
            }
        } else {
            speech = new BitSet();
            speech.set(0, Integer.MAX_VALUE);
        }
        List<Line> lines = new ArrayList<>();
        try (Recognizer recognizer = new Recognizer(model(modelCache), 16000);
                DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(pcm)))) {
            recognizer.setWords(true);
            byte[] chunk = new byte[SpeechDetector.CHUNK * 2];
            float[] samples = new float[SpeechDetector.CHUNK];
            Random dither = new Random(0);
            for (int i = 0, n; (n = SpeechDetector.readChunk(in, chunk)) > 0; i++) {
                for (int k = 0; k < n / 2; k++) { // s16le, silenced where no speech is, with the dither the model expects
                    short sample = speech.get(i) ? (short) ((chunk[2 * k] & 0xff) | (chunk[2 * k + 1] << 8)) : 0;
                    samples[k] = (float) (sample + dither.nextGaussian());
                }
                if (recognizer.acceptWaveForm(samples, n / 2)) {
                    add(lines, recognizer.getResult());
                }
            }
            add(lines, recognizer.getFinalResult());
        }
        return lines;
    }

    /**
     * One of Vosk's results (an utterance, with word times) as transcript lines, the way the real service writes
     * them: a new line at every pause of {@value #PAUSE_SECONDS} s or more between words, and at the latest after
     * {@value #MAX_WORDS} words; each line with its words' mean confidence.
     */
    static void add(List<Line> lines, String result) throws IOException {
        JsonNode words = JSON.readTree(result).path("result");
        List<JsonNode> line = new ArrayList<>();
        for (JsonNode word : words) {
            boolean pause = !line.isEmpty()
                    && word.path("start").asDouble() - line.get(line.size() - 1).path("end").asDouble() >= PAUSE_SECONDS;
            if (pause || line.size() == MAX_WORDS) {
                lines.add(line(lines, line, pause));
                line.clear();
            }
            line.add(word);
        }
        if (!line.isEmpty()) {
            lines.add(line(lines, line, true));
        }
    }

    /** A line; it starts a sentence after a line that ended one, and ends one at a pause or the utterance's end. */
    private static Line line(List<Line> before, List<JsonNode> words, boolean endsSentence) {
        StringBuilder text = new StringBuilder();
        double confidence = 0;
        for (JsonNode word : words) {
            text.append(text.isEmpty() ? "" : " ").append(word.path("word").asText());
            confidence += word.path("conf").asDouble();
        }
        boolean startsSentence = before.isEmpty() || before.get(before.size() - 1).text().endsWith(".");
        return new Line(written(text.toString(), startsSentence, endsSentence), words.get(0).path("start").asDouble(),
                words.get(words.size() - 1).path("end").asDouble(), Math.round(100 * confidence / words.size()) / 100.0);
    }

    /** Vosk's lower-case words as written: "i think so" is "I think so." at a sentence's start and end. */
    static String written(String words, boolean startsSentence, boolean endsSentence) {
        String text = (" " + words + " ").replace(" i ", " I ").replace(" i'", " I'").strip();
        return (startsSentence ? Character.toUpperCase(text.charAt(0)) + text.substring(1) : text) + (endsSentence ? "." : "");
    }

    private static synchronized Model model(Path modelCache) throws IOException {
        if (model == null) {
            Path dir = modelCache.resolve("vosk-model-en");
            if (!Files.exists(dir.resolve("am/final.mdl"))) {
                unpack(dir);
            }
            undithered(dir.resolve("conf/mfcc.conf"));
            LibVosk.setLogLevel(LogLevel.WARNINGS);
            model = new Model(dir.toString());
        }
        return model;
    }

    /**
     * Kaldi dithers the sound (Gaussian noise of one sample step) with a random generator seeded once per process, so
     * the same audio heard twice in one process gave other words (and a test its answer by the order it ran in). Its
     * dither is turned off and the same noise added here from a generator seeded per transcript: the model hears what
     * it was trained on, and the same audio always gives the same transcript.
     */
    private static void undithered(Path mfccConf) throws IOException {
        String conf = Files.readString(mfccConf);
        if (!conf.contains("--dither=")) {
            Files.writeString(mfccConf, conf + (conf.endsWith("\n") ? "" : "\n") + "--dither=0.0\n");
        }
    }

    private static void unpack(Path dir) throws IOException {
        InputStream archive = Transcriber.class.getResourceAsStream(MODEL_ARCHIVE);
        if (archive == null) {
            throw new IOException("engine not installed: " + MODEL_ARCHIVE + " is not on the classpath");
        }
        Files.createDirectories(dir.getParent());
        Path temp = Files.createTempDirectory(dir.getParent(), "." + dir.getFileName() + "."); // one per unpacker
        try (ZipInputStream zip = new ZipInputStream(archive)) {
            for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                if (entry.isDirectory() || !entry.getName().startsWith(MODEL_DIR_IN_ARCHIVE)) {
                    continue;
                }
                Path target = temp.resolve(entry.getName().substring(MODEL_DIR_IN_ARCHIVE.length())).normalize();
                if (!target.startsWith(temp)) {
                    throw new IOException("bad entry in the model archive: " + entry.getName());
                }
                Files.createDirectories(target.getParent());
                Files.copy(zip, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        try {
            Files.move(temp, dir, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | DirectoryNotEmptyException anotherProcessWasFirst) {
            deleteRecursively(temp); // its copy is the same model
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
