package io.mediaroutes.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mediaroutes.insights.Analysis;
import io.mediaroutes.insights.Analyzer;
import io.mediaroutes.insights.InsightsProperties;
import io.mediaroutes.insights.Keywords.TimedText;
import io.mediaroutes.insights.Timecode;
import io.mediaroutes.insights.Transcriber;
import io.mediaroutes.insights.language.Brands;
import io.mediaroutes.insights.language.EntitiesAnalyzer;
import io.mediaroutes.insights.language.LanguageAnalyzer;
import io.mediaroutes.insights.language.Languages;
import io.mediaroutes.insights.language.SentimentAnalyzer;
import io.mediaroutes.insights.language.TopicsAnalyzer;
import io.mediaroutes.insights.vision.VisionWorker;
import io.mediaroutes.media.Ffmpeg;
import io.mediaroutes.media.MediaProbe;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

/**
 * bench/quality, what is said and read, on material nobody here wrote, fetched by bench/quality into target/footage:
 * <ul>
 * <li>transcript WER on real read English speech with reference transcripts: Debian's pocketsphinx-testdata
 * (LibriVox's "Sense and Sensibility", public domain; CMU's card-game utterances), beside espeak-ng's voice saying
 * the same sentences;</li>
 * <li>named people and locations, precision and recall, on Voice of America news sentences labelled by Apache OpenNLP
 * (opennlp-tools' test jar on Maven Central, Apache-2.0), as written and lower-cased (as a transcript has them);</li>
 * <li>language identification accuracy on Debian's fortunes (English, German, Spanish, Italian): whole quotations
 * (a transcript's length) and their first three words (an OCR line's);</li>
 * <li>the text analyzers' time as a share of the speech's duration.</li>
 * </ul>
 * Not a test: run by bench/quality.
 */
public final class LanguageQualityBench {

    public static void main(String[] args) throws Exception {
        Path footage = Path.of(args[0]);
        Path dir = Files.createTempDirectory("mediaroutes-bench-language-");
        Path models = dir.resolve("models");
        List<String[]> utterances = realSpeech(footage.resolve("usr/share/pocketsphinx/test/data"));
        speech(utterances, dir, models);
        noSpeech(footage.resolve("usr/share/planetblupi/music"), dir, models);
        try (VisionWorker.Factory workers = new VisionWorker.Factory(InsightsProperties.BUILT_VISION, models)) {
            entities(footage.resolve("opennlp-tools-tests.jar"), workers);
            languages(footage.resolve("usr/share/games/fortunes"));
            cost(utterances, dir, workers);
        }
    }

    /** {wav, reference} of pocketsphinx-testdata's utterances that have a reference transcript. */
    static List<String[]> realSpeech(Path data) throws IOException {
        List<String[]> utterances = new ArrayList<>();
        for (String[] set : new String[][] {{"librivox", "librivox/transcription"}, {"cards", "cards/cards.transcription"}}) {
            Pattern line = Pattern.compile("<s>(.*)</s>\\s*\\((.+)\\)");
            for (String l : Files.readAllLines(data.resolve(set[1]))) {
                Matcher m = line.matcher(l);
                if (m.find()) {
                    utterances.add(new String[] {data.resolve(set[0]).resolve(m.group(2).strip() + ".wav").toString(), m.group(1).strip()});
                }
            }
        }
        return utterances;
    }

    static void speech(List<String[]> utterances, Path dir, Path models) throws Exception {
        int words = 0;
        int realEdits = 0;
        int synthEdits = 0;
        int hearingAllEdits = 0;
        double seconds = 0;
        for (String[] u : utterances) {
            String real = transcribe(Path.of(u[0]), dir, models);
            hearingAllEdits += QualityBench.edits(u[1], String.join(" ", Transcriber.transcribe(dir.resolve("speech.pcm"), models, false)
                    .stream().map(Transcriber.Line::text).toList()));
            Path voice = dir.resolve("espeak-" + words + ".wav");
            if (new ProcessBuilder("espeak-ng", "-v", "en-us", "-s", "140", "-w", voice.toString(), u[1]).start().waitFor() != 0) {
                throw new IOException("espeak-ng failed");
            }
            String synthetic = transcribe(voice, dir, models);
            words += QualityBench.words(u[1]).length;
            realEdits += QualityBench.edits(u[1], real);
            synthEdits += QualityBench.edits(u[1], synthetic);
            seconds += seconds(Path.of(u[0]));
            System.out.printf(Locale.ROOT, "    said \"%s\"; heard \"%s\"%n", u[1], real);
        }
        System.out.printf(Locale.ROOT, "transcript on real read English (pocketsphinx-testdata: %d utterances, %d words, %.0f s)%n",
                utterances.size(), words, seconds);
        System.out.printf(Locale.ROOT, "  WER real voices %.3f   espeak-ng saying the same %.3f   (goal <= 0.10; Vosk's small model publishes"
                + " 0.0985 on LibriSpeech test-clean)%n", (double) realEdits / words, (double) synthEdits / words);
        System.out.printf(Locale.ROOT, "  WER real voices without speech detection first: %.3f%n", (double) hearingAllEdits / words);
    }

    /** Lines made of sound without speech: Debian's planetblupi-music-ogg (a minute of each track) and generated noise. */
    static void noSpeech(Path music, Path dir, Path models) throws Exception {
        List<String[]> sounds = new ArrayList<>();
        try (Stream<Path> tracks = Files.list(music)) {
            tracks.sorted().forEach(t -> sounds.add(new String[] {"-t", "60", "-i", t.toString()}));
        }
        sounds.add(new String[] {"-f", "lavfi", "-i", "anoisesrc=c=white:a=0.05:d=30"});
        sounds.add(new String[] {"-f", "lavfi", "-i", "anoisesrc=c=pink:a=0.1:d=30"});
        int[] lines = new int[2];
        List<String> heard = new ArrayList<>();
        for (String[] sound : sounds) {
            Path pcm = dir.resolve("sound.pcm");
            List<String> arguments = new ArrayList<>(List.of("-y"));
            arguments.addAll(List.of(sound));
            arguments.addAll(List.of("-ac", "1", "-ar", "16000", "-f", "s16le", pcm.toString()));
            if (!Ffmpeg.ffmpeg(arguments, Duration.ofMinutes(1)).ok()) {
                throw new IOException("ffmpeg could not make " + List.of(sound));
            }
            for (int vad = 0; vad < 2; vad++) {
                List<Transcriber.Line> made = Transcriber.transcribe(pcm, models, vad == 1);
                lines[vad] += made.size();
                if (vad == 0) {
                    made.forEach(l -> heard.add(l.text()));
                }
            }
        }
        System.out.printf(Locale.ROOT, "transcript lines made of music and noise (Debian's planetblupi-music-ogg, a minute of each of its %d"
                + " tracks; 30 s of white and of pink noise): %d with speech detection first, %d without (%s)%n", sounds.size() - 2, lines[1],
                lines[0], String.join(" ", heard));
    }

    private static String transcribe(Path audio, Path dir, Path models) throws IOException {
        return String.join(" ", Transcriber.transcribe(pcm(audio, dir.resolve("speech.pcm")), models).stream().map(Transcriber.Line::text).toList());
    }

    /** The audio as the transcriber hears it: 16 kHz mono s16le. */
    private static Path pcm(Path audio, Path pcm) throws IOException {
        Ffmpeg.Result made = Ffmpeg.ffmpeg(List.of("-y", "-i", audio.toString(), "-ac", "1", "-ar", "16000", "-f", "s16le", pcm.toString()),
                Duration.ofMinutes(1));
        if (!made.ok()) {
            throw new IOException(made.stderr());
        }
        return pcm;
    }

    private static double seconds(Path audio) throws IOException {
        Path pcm = pcm(audio, Files.createTempFile("mediaroutes-bench-", ".pcm"));
        try {
            return Files.size(pcm) / 32000.0;
        } finally {
            Files.delete(pcm);
        }
    }

    /** Named people and locations against OpenNLP's labels on VOA sentences: micro precision, recall, F1. */
    static void entities(Path testJar, VisionWorker.Factory workers) throws Exception {
        List<String> sentences = new ArrayList<>();
        List<Map<String, Set<String>>> gold = new ArrayList<>();
        try (ZipFile zip = new ZipFile(testJar.toFile())) {
            for (String name : List.of("voa1.train", "voa2.train")) {
                try (InputStream in = zip.getInputStream(zip.getEntry("opennlp/tools/namefind/" + name))) {
                    for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                        if (!line.isBlank()) {
                            Map<String, Set<String>> labels = new LinkedHashMap<>();
                            sentences.add(labelled(line, labels));
                            gold.add(labels);
                        }
                    }
                }
            }
        }
        for (boolean lower : new boolean[] {false, true}) {
            // the entities analyzer on the sentences as one video's lines, sentence i at second i
            JsonNode found;
            try (Analysis analysis = new Analysis("bench", Path.of("none.mp4"), new MediaProbe.Info(sentences.size(), 0, 0, null, "pcm"),
                    Path.of("."), Duration.ofMinutes(5), workers)) {
                for (int i = 0; i < sentences.size(); i++) {
                    analysis.text().add(new TimedText(lower ? sentences.get(i).toLowerCase(Locale.ROOT) : sentences.get(i), i, i + 0.5, "Transcript"));
                }
                ObjectNode insights = new ObjectMapper().createObjectNode();
                new EntitiesAnalyzer(true, Brands.load(null)).start(analysis).finish(insights);
                found = insights;
            }
            System.out.printf(Locale.ROOT, "named entities on %d Voice of America sentences labelled by Apache OpenNLP, %s:%n", sentences.size(),
                    lower ? "lower-cased as a transcript" : "as written");
            int[] all = new int[3];
            for (String[] type : new String[][] {{"person", "namedPeople"}, {"location", "namedLocations"}}) {
                List<Set<String>> got = new ArrayList<>();
                sentences.forEach(x -> got.add(new TreeSet<>()));
                for (JsonNode entity : found.path(type[1])) {
                    for (JsonNode instance : entity.path("instances")) {
                        got.get((int) Timecode.parse(instance.path("start").asText())).add(entity.path("name").asText());
                    }
                }
                int[] counts = new int[3]; // true positives, predicted, gold
                for (int i = 0; i < sentences.size(); i++) {
                    Set<String> want = gold.get(i).getOrDefault(type[0], Set.of());
                    // a person named in full is right where the sentence names only the surname
                    counts[0] += (int) got.get(i).stream().filter(n -> want.contains(key(n)) || want.contains(key(n.replaceAll(".* ", "")))).count();
                    counts[1] += got.get(i).size();
                    counts[2] += want.size();
                }
                for (int k = 0; k < 3; k++) {
                    all[k] += counts[k];
                }
                print("  " + type[0], counts);
            }
            print("  both", all);
        }
    }

    private static void print(String what, int[] counts) {
        double precision = counts[1] == 0 ? 0 : (double) counts[0] / counts[1];
        double recall = counts[2] == 0 ? 0 : (double) counts[0] / counts[2];
        double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        System.out.printf(Locale.ROOT, "%-10s precision %.2f  recall %.2f  F1 %.2f  (%d right of %d named, %d labelled)%n", what, precision,
                recall, f1, counts[0], counts[1], counts[2]);
    }

    /** A sentence of OpenNLP's training format as text, its labelled names put into {@code labels} by type. */
    static String labelled(String line, Map<String, Set<String>> labels) {
        Matcher tag = Pattern.compile("<START:(\\w+)> (.+?) <END>").matcher(line);
        while (tag.find()) {
            labels.computeIfAbsent(tag.group(1), t -> new TreeSet<>()).add(key(tag.group(2)));
        }
        String text = line.replaceAll("<START:\\w+> | <END>", "");
        // its tokens as written: "U . S ." is U.S., "Britain ' s" is Britain's, "secretary - general" is secretary-general
        return text.replaceAll("\\b([A-Z]) \\. ([A-Z]) \\.", "$1.$2.").replace(" ' s", "'s").replace(" - ", "-")
                .replaceAll(" ([.,;:?!])", "$1").strip();
    }

    /** A name as compared: letters and digits only, lower case ("U . S ." and "U.S." are "us"). */
    static String key(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]", "");
    }

    /** Language identification on Debian's fortunes: whole quotations and their first three words. */
    static void languages(Path fortunes) throws IOException {
        Map<String, Path[]> sources = new LinkedHashMap<>();
        sources.put("en-US", new Path[] {fortunes.resolve("literature"), fortunes.resolve("riddles")});
        sources.put("de-DE", files(fortunes.resolve("de")));
        sources.put("es-ES", files(fortunes.resolve("es")));
        sources.put("it-IT", files(fortunes.resolve("it")));
        System.out.println("language identification on Debian's fortunes (fortunes-min, -de, -es, -it), 200 prose quotations a language:");
        System.out.println("  language   whole quotation (as a transcript)   first three words (an OCR line)   five such lines together");
        int[] total = new int[5];
        for (var source : sources.entrySet()) {
            List<String> quotes = new ArrayList<>();
            for (Path file : source.getValue()) {
                for (String q : Files.readString(file, StandardCharsets.UTF_8).split("\n%\n")) {
                    String text = q.replaceAll("(?m)^\\s*--.*$", "").replaceAll("\\s+", " ").strip();
                    if (text.length() >= 40 && quotes.size() < 200 && prose(text)) {
                        quotes.add(text);
                    }
                }
            }
            int whole = 0;
            int shortLines = 0;
            int groups = 0;
            List<String> lines = new ArrayList<>();
            for (String q : quotes) {
                whole += Languages.detect(q).language().equals(source.getKey()) ? 1 : 0;
                String[] w = q.split(" ");
                lines.add(String.join(" ", List.of(w).subList(0, Math.min(3, w.length))));
                shortLines += Languages.detect(lines.get(lines.size() - 1)).language().equals(source.getKey()) ? 1 : 0;
            }
            for (int i = 0; i + 5 <= lines.size(); i += 5) {
                groups += Languages.detect(String.join(". ", lines.subList(i, i + 5))).language().equals(source.getKey()) ? 1 : 0;
            }
            int[] counts = {whole, shortLines, quotes.size(), groups, lines.size() / 5};
            for (int k = 0; k < counts.length; k++) {
                total[k] += counts[k];
            }
            System.out.printf(Locale.ROOT, "  %-8s   %.2f (%d/%d)%27.2f (%d/%d)%22.2f (%d/%d)%n", source.getKey(), (double) whole / quotes.size(), whole,
                    quotes.size(), (double) shortLines / quotes.size(), shortLines, quotes.size(), (double) groups / counts[4], groups, counts[4]);
        }
        System.out.printf(Locale.ROOT, "  all        %.2f%35.2f%32.2f%n", (double) total[0] / total[2], (double) total[1] / total[2],
                (double) total[3] / total[4]);
    }

    /** Prose, not ASCII art or a chat log: three quarters letters and spaces, no "<nick>". */
    private static boolean prose(String text) {
        long letters = text.chars().filter(c -> Character.isLetter(c) || c == ' ').count();
        return letters >= 0.75 * text.length() && !text.matches(".*<\\w+>.*");
    }

    private static Path[] files(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> !f.getFileName().toString().matches(".*\\.(dat|u8)$") && Files.isRegularFile(f)).sorted().toArray(Path[]::new);
        }
    }

    /** The text analyzers on the real utterances' reference transcripts, as one video of their total duration. */
    static void cost(List<String[]> utterances, Path dir, VisionWorker.Factory workers) throws Exception {
        List<TimedText> lines = new ArrayList<>();
        double at = 0;
        for (String[] u : utterances) {
            double duration = seconds(Path.of(u[0]));
            lines.add(new TimedText(u[1], at, at + duration, "Transcript"));
            at += duration;
        }
        List<Analyzer> text = List.of(new LanguageAnalyzer(true), new EntitiesAnalyzer(true, Brands.load(null)), new SentimentAnalyzer(true),
                new TopicsAnalyzer(true, dir.resolve("models")));
        for (String run : List.of("first video (models load)", "next video")) {
            StringBuilder each = new StringBuilder();
            double sum = 0;
            try (Analysis analysis = new Analysis("bench", dir.resolve("none.mp4"), new MediaProbe.Info(at, 0, 0, null, "pcm"), dir, Duration.ofMinutes(5),
                    workers)) {
                lines.forEach(analysis.text()::add);
                for (Analyzer a : text) {
                    long t0 = System.nanoTime();
                    a.start(analysis).finish(new ObjectMapper().createObjectNode());
                    double s = (System.nanoTime() - t0) / 1e9;
                    sum += s;
                    each.append(String.format(Locale.ROOT, " %s %.3f s", a.name(), s));
                }
            }
            System.out.printf(Locale.ROOT, "text analyzers, %s, on %.0f s of speech: %.3f s = %.4f x its duration (goal < 0.1):%s%n", run, at, sum,
                    sum / at, each);
        }
    }
}
