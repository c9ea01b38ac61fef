package io.mediaroutes.bench;

import io.mediaroutes.insights.InsightsProperties;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mediaroutes.insights.InsightsAnalyzer;
import io.mediaroutes.insights.ShotCases;
import io.mediaroutes.insights.Timecode;
import io.mediaroutes.media.Ffmpeg;
import io.mediaroutes.media.MediaProbe;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;

/**
 * bench/quality: makes its own ground truth (distinct lavfi sources joined by hard cuts and by 0.5-1.5 s
 * dissolves, text drawn at known times, espeak-ng sentences at known times), analyses it, and prints shot
 * boundary precision/recall/F1 (match within 0.5 s) beside plain ffmpeg scdet's, OCR word recall, transcript
 * WER and the analysis time as a share of the video's duration. Not a test: run by bench/quality.
 */
public final class QualityBench {

    static final String[] SOURCES = {"color=c=red", "testsrc2", "smptebars", "mandelbrot", "color=c=navy", "rgbtestsrc",
            "color=c=yellow", "testsrc", "color=c=green", "smptehdbars"};
    static final double SEGMENT = 4;
    static final double[] TRANSITIONS = {0, 0.5, 0, 1.0, 0, 1.5, 0, 0.8, 0}; // 0 = hard cut, else dissolve seconds
    static final String[][] TEXTS = {{"QUARTERLY REPORT", "1"}, {"REVENUE GROWTH", "9"}, {"THANK YOU", "25"}};
    static final String[][] SPEECH = {{"welcome to the quarterly report", "1"}, {"sales grew in every region", "12"},
            {"thank you for watching", "26"}};

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("mediaroutes-bench-quality-");
        List<Double> truth = new ArrayList<>();
        Path video = makeVideo(dir, truth);
        MediaProbe.Info info = MediaProbe.probe(video);

        long t0 = System.nanoTime();
        JsonNode insights = new ObjectMapper().valueToTree(new InsightsAnalyzer(InsightsProperties.of(true, true, true, true, true, dir.resolve("models")))
                .analyze("bench", video, info, dir.resolve("work"), Duration.ofMinutes(10)).insights());
        double seconds = (System.nanoTime() - t0) / 1e9;

        List<Double> found = new ArrayList<>();
        insights.get("shots").forEach(s -> found.add(Timecode.parse(s.at("/instances/0/start").asText())));
        found.remove(0.0);
        double[] ours = f1(truth, found);
        double[] scdet = f1(truth, scdet(video));

        List<String> expectedWords = new ArrayList<>();
        for (String[] t : TEXTS) {
            expectedWords.addAll(Arrays.asList(t[0].toLowerCase(Locale.ROOT).split(" ")));
        }
        String seen = (" " + String.join(" ", insights.get("ocr").findValuesAsText("text")).toLowerCase(Locale.ROOT) + " ");
        long recalled = expectedWords.stream().filter(w -> seen.contains(" " + w + " ")).count();
        StringBuilder reference = new StringBuilder();
        for (String[] s : SPEECH) {
            reference.append(s[0]).append(' ');
        }
        String heard = insights.get("transcript").isArray() ? String.join(" ", insights.get("transcript").findValuesAsText("text")) : "";

        System.out.printf(Locale.ROOT, "quality on a generated %.0f s video: %d boundaries (%d cuts, %d dissolves of 0.5-1.5 s)%n",
                info.durationSeconds(), truth.size(), Arrays.stream(TRANSITIONS).filter(d -> d == 0).count(),
                Arrays.stream(TRANSITIONS).filter(d -> d > 0).count());
        System.out.printf(Locale.ROOT, "  shots      precision %.2f  recall %.2f  F1 %.2f  (goal F1 >= 0.95)%n", ours[0], ours[1], ours[2]);
        System.out.printf(Locale.ROOT, "  ffmpeg scdet (default threshold)  precision %.2f  recall %.2f  F1 %.2f%n", scdet[0], scdet[1], scdet[2]);
        System.out.printf(Locale.ROOT, "  OCR word recall %.2f  (%d of %d words; goal >= 0.9)%n", (double) recalled / expectedWords.size(),
                recalled, expectedWords.size());
        System.out.printf(Locale.ROOT, "    expected %s; OCR read %s%n", expectedWords, insights.get("ocr").findValuesAsText("text"));
        System.out.printf(Locale.ROOT, "  transcript WER %.2f  (Vosk small English model, espeak-ng voice)%n", wer(reference.toString(), heard));
        System.out.printf(Locale.ROOT, "  analysis time %.1f s = %.2f x the video's duration (goal <= 0.25, 2 cores)%n",
                seconds, seconds / info.durationSeconds());
        System.out.printf(Locale.ROOT, "    said \"%s\"; heard \"%s\"%n", reference.toString().strip(), heard);
        shotKinds(dir);
    }

    /** Per kind of hard footage (ShotCases): true boundaries found and false ones, ours beside ffmpeg scdet's. */
    static void shotKinds(Path dir) throws Exception {
        System.out.println("shot boundaries by kind (match within 0.5 s):        ours: found/true  false   scdet: found/true  false");
        int truthTotal = 0;
        int oursHits = 0;
        int oursFalse = 0;
        for (ShotCases.Case shotCase : ShotCases.all()) {
            Path video = shotCase.make(dir);
            int[] ours = hitsAndFalse(shotCase.truth(), ShotCases.detect(video, dir.resolve("work-" + shotCase.kind().replace(' ', '-'))));
            int[] scdet = hitsAndFalse(shotCase.truth(), scdet(video));
            truthTotal += shotCase.truth().size();
            oursHits += ours[0];
            oursFalse += ours[1];
            System.out.printf(Locale.ROOT, "  %-20s %28d/%d  %5d   %12d/%d  %5d%n", shotCase.kind(), ours[0], shotCase.truth().size(), ours[1],
                    scdet[0], shotCase.truth().size(), scdet[1]);
        }
        double precision = oursHits + oursFalse == 0 ? 1 : (double) oursHits / (oursHits + oursFalse);
        double recall = truthTotal == 0 ? 1 : (double) oursHits / truthTotal;
        System.out.printf(Locale.ROOT, "  all kinds: ours F1 %.2f (goal >= 0.95)%n", 2 * precision * recall / (precision + recall));
    }

    private static int[] hitsAndFalse(List<Double> truth, List<Double> found) {
        double[] prf = f1(truth, found);
        int hits = (int) Math.round(prf[1] * truth.size());
        return new int[] {hits, found.size() - hits};
    }

    static Path makeVideo(Path dir, List<Double> truth) throws Exception {
        List<String> args = new ArrayList<>();
        int n = TRANSITIONS.length + 1;
        for (int i = 0; i < n; i++) {
            args.addAll(List.of("-f", "lavfi", "-t", Double.toString(SEGMENT), "-i",
                    SOURCES[i] + (SOURCES[i].contains("=") ? ":" : "=") + "s=640x360:r=25"));
        }
        for (String[] text : TEXTS) {
            args.addAll(List.of("-i", textImage(dir, text[0]).toString()));
        }
        StringBuilder graph = new StringBuilder();
        for (int i = 0; i < n; i++) {
            graph.append('[').append(i).append("]fps=25,format=yuv420p,settb=1/25[s").append(i).append("];");
        }
        String current = "s0";
        double length = SEGMENT;
        for (int i = 0; i < TRANSITIONS.length; i++) {
            double d = TRANSITIONS[i];
            String next = "j" + i;
            if (d == 0) {
                graph.append('[').append(current).append("][s").append(i + 1).append("]concat=n=2:v=1:a=0,settb=1/25[").append(next).append("];");
                truth.add(length);
                length += SEGMENT;
            } else {
                double offset = length - d;
                graph.append('[').append(current).append("][s").append(i + 1).append("]xfade=transition=fade:duration=").append(d)
                        .append(":offset=").append(offset).append(",settb=1/25[").append(next).append("];");
                truth.add(offset + d / 2);
                length += SEGMENT - d;
            }
            current = next;
        }
        for (int t = 0; t < TEXTS.length; t++) {
            double start = Double.parseDouble(TEXTS[t][1]);
            String next = "t" + t;
            graph.append('[').append(current).append("][").append(n + t).append(":v]overlay=x=(W-w)/2:y=(H-h)/2:enable='between(t,")
                    .append(start).append(',').append(start + 3).append(")'[").append(next).append("];");
            current = next;
        }
        int audioInput = n + TEXTS.length;
        for (String[] s : SPEECH) {
            Path wav = dir.resolve("speech-" + s[1] + ".wav");
            new ProcessBuilder("espeak-ng", "-s", "140", "-w", wav.toString(), s[0]).inheritIO().start().waitFor();
            args.addAll(List.of("-i", wav.toString()));
        }
        StringBuilder mix = new StringBuilder();
        for (int i = 0; i < SPEECH.length; i++) {
            long delay = (long) (Double.parseDouble(SPEECH[i][1]) * 1000);
            graph.append('[').append(audioInput + i).append(":a]aresample=48000,adelay=").append(delay).append(":all=1[a").append(i).append("];");
            mix.append("[a").append(i).append(']');
        }
        graph.append(mix).append("amix=inputs=").append(SPEECH.length).append(":normalize=0,apad[aout]");
        Path video = dir.resolve("truth.mp4");
        args.addAll(List.of("-filter_complex", graph.toString(), "-map", "[" + current + "]", "-map", "[aout]",
                "-c:v", "libopenh264", "-b:v", "2M", "-c:a", "aac", "-t", Double.toString(length), video.toString()));
        Ffmpeg.Result made = Ffmpeg.ffmpeg(args, Duration.ofMinutes(5));
        if (!made.ok()) {
            throw new IllegalStateException(made.stderr());
        }
        return video;
    }

    static Path textImage(Path dir, String text) throws Exception {
        BufferedImage image = new BufferedImage(560, 90, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.BLACK);
        g.fillRect(0, 0, 560, 90);
        g.setColor(Color.WHITE);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 40));
        g.drawString(text, 20, 62);
        g.dispose();
        Path png = dir.resolve(text.replace(' ', '_') + ".png");
        ImageIO.write(image, "png", png.toFile());
        return png;
    }

    static List<Double> scdet(Path video) throws Exception {
        Ffmpeg.Result result = Ffmpeg.ffmpegFullLog(List.of("-i", video.toString(), "-vf", "scdet", "-f", "null", "-"), Duration.ofMinutes(5));
        List<Double> times = new ArrayList<>();
        Matcher m = Pattern.compile("lavfi\\.scd\\.time: ([\\d.]+)").matcher(result.stderr());
        while (m.find()) {
            times.add(Double.parseDouble(m.group(1)));
        }
        return times;
    }

    /** Precision, recall, F1; a found boundary matches at most one true one within 0.5 s. */
    static double[] f1(List<Double> truth, List<Double> found) {
        List<Double> unmatched = new ArrayList<>(truth);
        int hits = 0;
        for (double f : found) {
            Double best = unmatched.stream().filter(t -> Math.abs(t - f) <= 0.5).min((a, b) -> Double.compare(Math.abs(a - f), Math.abs(b - f))).orElse(null);
            if (best != null) {
                unmatched.remove(best);
                hits++;
            }
        }
        double precision = found.isEmpty() ? 0 : (double) hits / found.size();
        double recall = truth.isEmpty() ? 0 : (double) hits / truth.size();
        return new double[] {precision, recall, precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall)};
    }

    /** Word error rate: word-level edit distance over the reference's length. */
    static double wer(String reference, String hypothesis) {
        return (double) edits(reference, hypothesis) / words(reference).length;
    }

    /** Word edits (substitutions, insertions, deletions) from {@code reference} to {@code hypothesis}, case and punctuation aside. */
    static int edits(String reference, String hypothesis) {
        String[] r = words(reference);
        String[] h = words(hypothesis);
        int[][] d = new int[r.length + 1][h.length + 1];
        for (int i = 0; i <= r.length; i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= h.length; j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= r.length; i++) {
            for (int j = 1; j <= h.length; j++) {
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + (r[i - 1].equals(h[j - 1]) ? 0 : 1));
            }
        }
        return d[r.length][h.length];
    }

    static String[] words(String text) {
        String plain = text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}' ]+", " ").strip();
        return plain.isEmpty() ? new String[0] : plain.split("\\s+");
    }
}
