package io.mediaroutes.bench;

import io.mediaroutes.RealFaces;
import io.mediaroutes.insights.InsightsProperties;
import io.mediaroutes.insights.VideoFrame;
import io.mediaroutes.insights.vision.VisionWorker;
import io.mediaroutes.media.Ffmpeg;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * bench/face-candidates: the chosen face detector (BlazeFace in the vision worker, 720 px tiles) beside face-api's SSD
 * MobileNet v1 on the whole frame and on 720 and 512 px tiles, on the same 1280x720 frames: the six rows of the face
 * grid with faces 40 px tall (114 faces), and five of Debian's pictures without a person. Detection only: the
 * worker's closer look with the face mesh, which removes the detector's false faces, is measured by bench/quality.
 */
public final class FaceCandidatesBench {

    private static final int W = 1280;
    private static final int H = 720;

    public static void main(String[] args) throws Exception {
        Path footage = Path.of(args[0]);
        Path faceApiModules = Path.of(args[1]).toAbsolutePath();
        Path faceApiScript = Path.of(args[2]).toAbsolutePath();
        Path dir = Files.createTempDirectory("mediaroutes-bench-faces-");
        List<Path> rows = new ArrayList<>();
        for (int row = 0; row < 6; row++) {
            rows.add(rgb(RealFaces.row(dir, row, 40), dir.resolve("row-" + row + ".rgb")));
        }
        List<Path> faceless = new ArrayList<>();
        for (String picture : new String[] {"usr/lib/python3/dist-packages/skimage/data/chelsea.png", "usr/lib/python3/dist-packages/skimage/data/coffee.png",
                "usr/lib/python3/dist-packages/skimage/data/motorcycle_left.png", "usr/share/doc/opencv-doc/examples/data/fruits.jpg",
                "usr/share/doc/opencv-doc/examples/data/home.jpg"}) {
            faceless.add(rgb(footage.resolve(picture), dir.resolve(Path.of(picture).getFileName() + ".rgb")));
        }
        System.out.println("face detectors on the same frames (1280x720; 114 faces 40 px tall in 6 frames; 5 frames without a person):");
        VisionWorker.Factory workers = new VisionWorker.Factory(InsightsProperties.BUILT_VISION, dir.resolve("models"));
        VisionWorker human = workers.take("bench");
        int[] found = new int[2];
        long started = System.nanoTime();
        for (int i = 0; i < rows.size() + faceless.size(); i++) {
            Path frame = i < rows.size() ? rows.get(i) : faceless.get(i - rows.size());
            int faces = human.detect(new VideoFrame(0, W, H, Files.readAllBytes(frame)), VisionWorker.FACES).faces().size();
            found[i < rows.size() ? 0 : 1] += i < rows.size() ? Math.min(19, faces) : faces;
        }
        print("human BlazeFace, 720 px tiles (chosen)", found, (System.nanoTime() - started) / 1e9 / (rows.size() + faceless.size()));
        human.close();
        for (String tile : new String[] {"100000", "720", "512"}) {
            List<String> command = new ArrayList<>(List.of(Path.of("target/vision/runtime/node/bin/node").toAbsolutePath().toString(),
                    faceApiScript.toString()));
            rows.forEach(r -> command.add(r + ":" + W + ":" + H));
            faceless.forEach(r -> command.add(r + ":" + W + ":" + H));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().put("FACE_API_MODULES", faceApiModules.toString());
            builder.environment().put("FACE_TILE", tile);
            Process process = builder.start();
            int[] counts = new int[2];
            double seconds = 0;
            int n = 0;
            for (String line : new String(process.getInputStream().readAllBytes()).split("\n")) {
                String[] parts = line.strip().split(" ");
                if (parts.length == 3 && parts[1].matches("\\d+")) {
                    boolean isRow = parts[0].startsWith("row-");
                    counts[isRow ? 0 : 1] += isRow ? Math.min(19, Integer.parseInt(parts[1])) : Integer.parseInt(parts[1]);
                    seconds += Long.parseLong(parts[2]) / 1000.0;
                    n++;
                } else if (!line.isBlank()) {
                    System.out.println("    face-api: " + line);
                }
            }
            process.waitFor();
            print("face-api SSD MobileNet v1, " + (tile.equals("100000") ? "whole frame" : tile + " px tiles"), counts, seconds / Math.max(1, n));
        }
    }

    private static void print(String candidate, int[] found, double secondsPerFrame) {
        System.out.printf(Locale.ROOT, "  %-42s faces found %3d of 114 (%.2f); on pictures without a person %d; %.2f s a frame%n",
                candidate, found[0], found[0] / 114.0, found[1], secondsPerFrame);
    }

    /** The first frame of a video or a picture, 1280x720 (letterboxed), as raw RGB. */
    private static Path rgb(Path source, Path rgb) throws IOException {
        Ffmpeg.Result made = Ffmpeg.ffmpeg(List.of("-i", source.toString(), "-frames:v", "1", "-vf",
                "scale=1280:720:force_original_aspect_ratio=decrease,pad=1280:720:(ow-iw)/2:(oh-ih)/2,format=rgb24", "-f", "rawvideo",
                rgb.toString()), Duration.ofMinutes(1));
        if (!made.ok()) {
            throw new IOException(made.reason());
        }
        return rgb;
    }
}
