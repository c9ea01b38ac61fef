package io.mediaroutes.insights;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mediaroutes.media.Ffmpeg;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** Shots (cuts and dissolves) with a key frame each, and scenes: runs of shots alike in colour. */
record ShotsAnalyzer(boolean enabled) implements Analyzer {

    @Override
    public String name() {
        return "shots";
    }

    @Override
    public List<String> fields() {
        return List.of("shots", "scenes");
    }

    @Override
    public Run start(Analysis analysis) {
        return insights -> {
            Signals signals = analysis.signals();
            List<double[]> spans = shotSpans(signals, analysis.info().durationSeconds());
            ArrayNode shots = insights.putArray("shots");
            for (int i = 0; i < spans.size(); i++) {
                double[] span = spans.get(i);
                ObjectNode shot = shots.addObject().put("id", i + 1);
                shot.putArray("tags");
                double keyTime = (span[0] + span[1]) / 2;
                String thumbnailId = UUID.nameUUIDFromBytes((analysis.videoId() + "/keyframe/" + i).getBytes(StandardCharsets.UTF_8)).toString();
                keyFrame(analysis, keyTime, thumbnailId, i);
                ObjectNode keyFrame = shot.putArray("keyFrames").addObject().put("id", i + 1);
                Instances.add(keyFrame.putArray("instances"), keyTime, keyTime + 1.0 / Signals.FPS).put("thumbnailId", thumbnailId);
                Instances.add(shot.putArray("instances"), span[0], span[1]);
            }
            ArrayNode scenes = insights.putArray("scenes");
            int id = 1;
            for (double[] scene : scenes(spans, signals)) {
                Instances.add(scenes.addObject().put("id", id++).putArray("instances"), scene[0], scene[1]);
            }
        };
    }

    private static void keyFrame(Analysis analysis, double at, String thumbnailId, int i) throws IOException {
        Path jpeg = analysis.work().resolve("keyframe-" + i + ".jpg");
        List<String> args = List.of("-ss", String.format(Locale.ROOT, "%.3f", at), "-i", analysis.input().toString(),
                "-frames:v", "1", "-vf", "scale=-2:240", "-q:v", "4", jpeg.toString());
        // ffmpeg succeeds without a picture when the time falls past the last frame (a one-frame video)
        if (Ffmpeg.ffmpeg(args, analysis.timeout()).ok() && Files.exists(jpeg)) {
            analysis.thumbnails().add(new InsightsAnalyzer.KeyFrame(thumbnailId, jpeg));
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

    private static double[] frameAt(Signals signals, double seconds) {
        int i = (int) Math.min(signals.histograms().size() - 1, Math.round(seconds * Signals.FPS));
        return i < 0 ? null : signals.histograms().get(i);
    }
}
