package io.mediaroutes.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mediaroutes.RealFaces;
import io.mediaroutes.insights.InsightsAnalyzer;
import io.mediaroutes.insights.InsightsProperties;
import io.mediaroutes.media.Ffmpeg;
import io.mediaroutes.media.MediaProbe;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * bench/quality, the picture: faces, people and objects on real pictures and footage nobody here made, labelled by
 * looking, and each analyzer's share of a 720p video's duration. Sources: the face grid of {@code @vladmandic/human}'s
 * {@code assets/screenshot-facematch.jpg} (npm, MIT); Debian's {@code opencv-doc} 4.6.0 {@code examples/data}
 * (OpenCV's sample data, BSD/Apache-2.0) and {@code python3-skimage} 0.19.3 {@code skimage/data} (public domain and
 * CC0 pictures), unpacked by bench/quality into the folder given as the first argument.
 */
public final class VisionQualityBench {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Each picture, and the COCO classes on it (labelled by looking); none of them shows a face 40 px tall. */
    static final Map<String, Set<String>> PICTURES = new LinkedHashMap<>();

    static {
        String skimage = "usr/lib/python3/dist-packages/skimage/data/";
        String opencv = "usr/share/doc/opencv-doc/examples/data/";
        PICTURES.put(skimage + "chelsea.png", Set.of("cat"));
        PICTURES.put(skimage + "coffee.png", Set.of("cup", "spoon"));
        PICTURES.put(skimage + "motorcycle_left.png", Set.of("motorcycle"));
        PICTURES.put(opencv + "fruits.jpg", Set.of("orange"));
        PICTURES.put(opencv + "home.jpg", Set.of("bird"));
        PICTURES.put(opencv + "messi5.jpg", Set.of("person", "sports ball"));
        PICTURES.put(opencv + "basketball1.png", Set.of("person", "sports ball"));
        PICTURES.put(skimage + "astronaut.png", Set.of("person"));
    }

    /** The text written on those pictures, as a person reads it (the others have none a person can read at 720p). */
    static final Map<String, Set<String>> TEXT = Map.of("usr/share/doc/opencv-doc/examples/data/messi5.jpg", Set.of("unicef", "WEEKmedia"));

    public static void main(String[] args) throws Exception {
        Path footage = Path.of(args.length > 0 ? args[0] : "target/footage");
        Path dir = Files.createTempDirectory("mediaroutes-bench-vision-");
        InsightsProperties all = InsightsProperties.of(true, true, true, true, true, dir.resolve("models")).withVision(true, true);
        InsightsProperties vision = InsightsProperties.of(true, false, false, false, false, dir.resolve("models")).withVision(true, true);

        System.out.println("faces, people and objects on real pictures (labelled by looking):");
        for (int faceHeight : new int[] {40, 70}) {
            int found = 0;
            int shotsWithAFace = 0;
            for (int row = 0; row < 6; row++) {
                JsonNode insights = analyze(vision, RealFaces.row(dir, row, faceHeight), dir);
                int appearances = insights.get("faces").findValues("thumbnailsIds").size();
                found += Math.min(appearances, 19);
                shotsWithAFace += appearances > 0 ? 1 : 0;
            }
            System.out.printf(Locale.ROOT, "  faces %d px tall (6 shots of 19 faces, human's face grid): found in %d of 6 shots; %d of 114 faces (recall %.2f)%n",
                    faceHeight, shotsWithAFace, found, found / 114.0);
        }
        for (var clip : Map.of("three", RealFaces.THREE_PEOPLE, "five", RealFaces.FIVE_PEOPLE).entrySet()) {
            JsonNode faces = analyze(vision, RealFaces.video(Files.createDirectories(dir.resolve(clip.getKey())), clip.getValue(), 3), dir).get("faces");
            System.out.printf(Locale.ROOT, "  people: %d found, %d true (%d shots, the same man in 3 of them; his entry has %d appearances)%n",
                    faces.size(), RealFaces.people(clip.getValue()), clip.getValue().size(), faces.path(0).path("instances").size());
        }

        Map<String, int[]> perClass = new LinkedHashMap<>(); // class -> true positives, false positives, false negatives
        int falseFaces = 0;
        for (var picture : PICTURES.entrySet()) {
            Path video = still(footage.resolve(picture.getKey()), dir);
            JsonNode insights = analyze(vision, video, dir);
            Set<String> seen = new TreeSet<>(insights.get("labels").findValuesAsText("name"));
            boolean faceless = !picture.getValue().contains("person");
            falseFaces += faceless ? insights.get("faces").size() : 0;
            for (String c : union(seen, picture.getValue())) {
                int[] counts = perClass.computeIfAbsent(c, k -> new int[3]);
                counts[seen.contains(c) ? picture.getValue().contains(c) ? 0 : 1 : 2]++;
            }
            System.out.printf(Locale.ROOT, "    %-22s true %-24s seen %s%n", footage.resolve(picture.getKey()).getFileName(), new TreeSet<>(picture.getValue()), seen);
        }
        System.out.printf(Locale.ROOT, "  faces reported on the 5 pictures without a person: %d (goal 0)%n", falseFaces);
        System.out.println("  objects per class (pictures): precision, recall");
        perClass.forEach((c, n) -> System.out.printf(Locale.ROOT, "    %-12s %s %s%n", c,
                n[0] + n[1] == 0 ? "  -  " : String.format(Locale.ROOT, "%.2f ", (double) n[0] / (n[0] + n[1])),
                n[0] + n[2] == 0 ? "  -  " : String.format(Locale.ROOT, "%.2f", (double) n[0] / (n[0] + n[2]))));

        // text in the picture: the lines each engine reads on the same pictures, against what is written there
        for (InsightsProperties.OcrEngine engine : InsightsProperties.OcrEngine.values()) {
            InsightsProperties ocr = InsightsProperties.of(false, false, false, true, false, dir.resolve("models")).withOcrEngine(engine);
            int right = 0;
            int wrong = 0;
            List<String> wrongLines = new java.util.ArrayList<>();
            for (var picture : PICTURES.keySet()) {
                Set<String> written = TEXT.getOrDefault(picture, Set.of());
                for (String line : analyze(ocr, still(footage.resolve(picture), dir), dir).get("ocr").findValuesAsText("text")) {
                    if (written.stream().anyMatch(w -> line.toLowerCase(Locale.ROOT).contains(w.toLowerCase(Locale.ROOT)))) {
                        right++;
                    } else {
                        wrong++;
                        wrongLines.add(line);
                    }
                }
            }
            int truth = TEXT.values().stream().mapToInt(Set::size).sum();
            System.out.printf(Locale.ROOT, "  text in the picture, %-9s lines right %d, wrong %d %s; precision %s, recall %.2f (%d written)%n",
                    engine.name().toLowerCase(Locale.ROOT).replace('_', '-') + ":", right, wrong, wrongLines,
                    right + wrong == 0 ? "-" : String.format(Locale.ROOT, "%.2f", (double) right / (right + wrong)), (double) right / truth, truth);
        }

        Path street = dir.resolve("vtest-720p.mp4");
        ffmpeg(List.of("-i", footage.resolve("usr/share/doc/opencv-doc/examples/data/vtest.avi").toString(), "-vf", "scale=-2:720,format=yuv420p",
                "-c:v", "libopenh264", street.toString()));
        MediaProbe.Info info = MediaProbe.probe(street);
        long started = System.nanoTime();
        InsightsAnalyzer.Result result = new InsightsAnalyzer(all).analyze("bench", street, info, dir.resolve("work-street"), Duration.ofMinutes(30));
        double wall = (System.nanoTime() - started) / 1e9;
        JsonNode insights = JSON.valueToTree(result.insights());
        System.out.printf(Locale.ROOT, "  OpenCV's vtest.avi at 720p (%.0f s, pedestrians): %d observed people, %d faces, labels %s%n",
                info.durationSeconds(), insights.get("observedPeople").size(), insights.get("faces").size(), insights.get("labels").findValuesAsText("name"));
        System.out.printf(Locale.ROOT, "  cost, every analyzer on: %.2f x the duration (goal < 0.5); each analyzer's share:", wall / info.durationSeconds());
        result.seconds().forEach((name, s) -> System.out.printf(Locale.ROOT, " %s %.2f", name, s / info.durationSeconds()));
        System.out.println();
    }

    private static JsonNode analyze(InsightsProperties settings, Path video, Path dir) throws IOException {
        Path work = Files.createTempDirectory(dir, "work-");
        return JSON.valueToTree(new InsightsAnalyzer(settings).analyze("bench", video, MediaProbe.probe(video), work, Duration.ofMinutes(10)).insights());
    }

    /** A picture as a 720p video of 2 s, the picture in the middle. */
    private static Path still(Path picture, Path dir) throws IOException {
        Path video = dir.resolve(picture.getFileName() + ".mp4");
        ffmpeg(List.of("-loop", "1", "-t", "2", "-i", picture.toString(), "-vf",
                "scale=1280:720:force_original_aspect_ratio=decrease,pad=1280:720:(ow-iw)/2:(oh-ih)/2,fps=25,format=yuv420p,setsar=1",
                "-c:v", "libopenh264", video.toString()));
        return video;
    }

    private static void ffmpeg(List<String> args) throws IOException {
        Ffmpeg.Result made = Ffmpeg.ffmpeg(args, Duration.ofMinutes(5));
        if (!made.ok()) {
            throw new IOException(made.reason());
        }
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new LinkedHashSet<>(a);
        all.addAll(b);
        return all;
    }
}
