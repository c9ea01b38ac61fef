package io.mediaroutes.insights.vision;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mediaroutes.insights.Analysis;
import io.mediaroutes.insights.Analyzer;
import io.mediaroutes.insights.InsightsAnalyzer;
import io.mediaroutes.insights.InsightsProperties;
import io.mediaroutes.insights.Instances;
import io.mediaroutes.insights.VideoFrame;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Objects of COCO's 80 classes (CenterNet), each followed from frame to frame by its box: {@code detectedObjects}
 * (one entry per object followed), {@code observedPeople} (the people among them) and {@code labels} (each class
 * seen, with the times it was seen and how sure the detector was).
 */
public final class ObjectsAnalyzer implements Analyzer {

    private final InsightsProperties.Sampled settings;

    public ObjectsAnalyzer(InsightsProperties.Sampled settings) {
        this.settings = settings;
    }

    @Override
    public String name() {
        return "objects";
    }

    @Override
    public List<String> fields() {
        return List.of("detectedObjects", "observedPeople", "labels");
    }

    @Override
    public boolean readsOtherAnalyzers() {
        return true; // the faces, for the people's matching faces
    }

    @Override
    public boolean enabled() {
        return settings.enabled();
    }

    @Override
    public double framesPerSecond() {
        return settings.framesPerSecond();
    }

    @Override
    public Run start(Analysis analysis) throws IOException {
        VisionWorker worker = analysis.vision(name());
        // a walking person's box changes more than a face's (bench/quality)
        Track.Tracker tracker = new Track.Tracker(analysis.videoId(), "object", Files.createDirectories(analysis.work().resolve("objects")), 0.25);
        double frameSeconds = 1 / settings.framesPerSecond();
        Map<String, List<double[]>> seenByLabel = new LinkedHashMap<>(); // label -> [start, end, confidence] runs
        return new Run() {
            @Override
            public void frame(VideoFrame frame) throws IOException {
                List<VisionWorker.Detected> found = worker.detect(frame, VisionWorker.OBJECTS).objects();
                tracker.follow(frame, found.stream().map(VisionWorker.Detected::label).toList(),
                        found.stream().map(VisionWorker.Detected::box).toList(), found.stream().map(VisionWorker.Detected::score).toList());
                for (VisionWorker.Detected d : found) {
                    List<double[]> runs = seenByLabel.computeIfAbsent(d.label(), k -> new ArrayList<>());
                    double[] last = runs.isEmpty() ? null : runs.get(runs.size() - 1);
                    double end = Math.min(analysis.info().durationSeconds(), frame.seconds() + frameSeconds);
                    if (last != null && frame.seconds() <= last[1] + 1e-6) {
                        last[1] = end;
                        last[2] = Math.max(last[2], d.score());
                    } else {
                        runs.add(new double[] {frame.seconds(), end, d.score()});
                    }
                }
            }

            @Override
            public void finish(ObjectNode insights) {
                ArrayNode objects = insights.putArray("detectedObjects");
                ArrayNode people = insights.putArray("observedPeople");
                for (Track t : tracker.all()) {
                    double end = Math.min(analysis.info().durationSeconds(), t.last + frameSeconds);
                    ObjectNode object = objects.addObject().put("id", t.id).put("type", capitalized(t.label))
                            .put("thumbnailId", t.thumbnailId).put("displayName", t.label);
                    Instances.add(object.putArray("instances"), t.first, end).put("confidence", round(t.bestScore));
                    if (t.label.equals("person")) {
                        ObjectNode person = people.addObject().put("id", people.size() + 1).put("thumbnailId", t.thumbnailId);
                        person.putArray("clothing");
                        matchingFace(t, analysis.faces(), person);
                        Instances.add(person.putArray("instances"), t.first, end).put("confidence", round(t.bestScore));
                    }
                    analysis.thumbnails().add(new InsightsAnalyzer.KeyFrame(t.thumbnailId, t.thumbnail));
                }
                ArrayNode labels = insights.putArray("labels");
                for (var label : seenByLabel.entrySet()) {
                    ObjectNode node = labels.addObject().put("id", labels.size() + 1).put("name", label.getKey())
                            .put("referenceId", label.getKey()).put("language", "en-US");
                    ArrayNode instances = node.putArray("instances");
                    label.getValue().forEach(run -> Instances.add(instances, run[0], run[1]).put("confidence", round(run[2])));
                }
            }
        };
    }

    /** The face seen at the same time as this person, last seen inside the person's box (its centre), if any. */
    private static void matchingFace(Track person, List<Analysis.SeenFace> faces, ObjectNode node) {
        VisionWorker.Box box = person.box;
        faces.stream()
                .filter(f -> f.first() <= person.last && f.last() >= person.first)
                .filter(f -> f.x() + f.width() / 2 >= box.x() && f.x() + f.width() / 2 <= box.x() + box.width()
                        && f.y() + f.height() / 2 >= box.y() && f.y() + f.height() / 2 <= box.y() + box.height())
                .findFirst()
                .ifPresent(f -> node.putObject("matchingFace").put("id", f.faceId()).put("confidence", round(f.confidence())));
    }

    private static String capitalized(String label) {
        return label.isEmpty() ? label : label.substring(0, 1).toUpperCase(Locale.ROOT) + label.substring(1);
    }

    private static double round(double score) {
        return Math.round(score * 10_000) / 10_000.0;
    }
}
