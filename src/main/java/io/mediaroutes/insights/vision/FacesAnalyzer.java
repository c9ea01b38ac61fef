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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * Faces, grouped into people: BlazeFace finds faces in each sampled frame, a face is followed from frame to frame
 * by its box, FaceRes embeds it when it first appears (and again when it is seen twice as large), and the faces of
 * the whole video are grouped by their embeddings ({@link FaceGroups}). Each person is a {@code faces[]} entry named
 * "Unknown #n", with the clearest picture of each appearance as a thumbnail.
 */
public final class FacesAnalyzer implements Analyzer {

    static final int MAX_EMBEDDINGS_PER_TRACK = 3;

    private final InsightsProperties.Sampled settings;

    public FacesAnalyzer(InsightsProperties.Sampled settings) {
        this.settings = settings;
    }

    @Override
    public String name() {
        return "faces";
    }

    @Override
    public List<String> fields() {
        return List.of("faces");
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
        VisionWorker worker = analysis.vision();
        Track.Tracker tracker = new Track.Tracker();
        Path pictures = Files.createDirectories(analysis.work().resolve("faces"));
        double frameSeconds = 1 / settings.framesPerSecond();
        return new Run() {
            @Override
            public void frame(VideoFrame frame) throws IOException {
                List<VisionWorker.Face> faces = worker.detect(frame, VisionWorker.FACES).faces();
                List<VisionWorker.Box> boxes = faces.stream().map(VisionWorker.Face::box).toList();
                List<Track> tracks = new ArrayList<>(tracker.match(frame, faces.stream().map(f -> "face").toList(), boxes));
                boolean embed = false;
                for (int i = 0; i < faces.size(); i++) {
                    Track track = tracks.get(i);
                    VisionWorker.Box box = boxes.get(i);
                    if (track == null) {
                        int id = tracker.all().size() + 1;
                        String thumbnailId = UUID.nameUUIDFromBytes((analysis.videoId() + "/face/" + id).getBytes(StandardCharsets.UTF_8)).toString();
                        track = new Track(id, "face", thumbnailId, pictures.resolve(thumbnailId + ".jpg"), box, frame.seconds());
                        tracker.started(track);
                        tracks.set(i, track);
                    }
                    track.seen(frame, box, faces.get(i).score());
                    embed |= track.embeddings == 0
                            || track.embeddings < MAX_EMBEDDINGS_PER_TRACK && box.width() * box.height() >= 2 * track.embeddedArea;
                }
                if (embed) {
                    for (VisionWorker.Face described : worker.detect(frame, VisionWorker.FACES_WITH_EMBEDDINGS).faces()) {
                        for (int i = 0; i < faces.size(); i++) {
                            if (described.embedding() != null && described.box().overlap(boxes.get(i)) >= 0.5) {
                                tracks.get(i).embed(described.embedding(), boxes.get(i).width() * boxes.get(i).height());
                            }
                        }
                    }
                }
            }

            @Override
            public void finish(ObjectNode insights) {
                ArrayNode faces = insights.putArray("faces");
                List<Track> embedded = tracker.all().stream().filter(t -> t.embeddings > 0).toList();
                int number = 1;
                for (List<Track> person : FaceGroups.group(embedded)) {
                    Track clearest = person.stream().max(Comparator.comparingDouble(t -> t.bestScore)).orElseThrow();
                    ObjectNode face = faces.addObject().put("id", number).put("name", "Unknown #" + number)
                            .put("confidence", Math.round(person.stream().mapToDouble(Track::meanScore).average().orElse(0) * 10_000) / 10_000.0)
                            .putNull("description").put("thumbnailId", clearest.thumbnailId).putNull("referenceId").putNull("referenceType")
                            .putNull("title").putNull("imageUrl");
                    ArrayNode thumbnails = face.putArray("thumbnails");
                    ArrayNode instances = face.putArray("instances");
                    for (Track t : person) {
                        analysis.faceSeen(new Analysis.SeenFace(number, t.meanScore(), t.first, t.last, t.box.x(), t.box.y(), t.box.width(), t.box.height()));
                        ObjectNode thumbnail = thumbnails.addObject().put("id", t.thumbnailId).put("fileName", "FaceInstanceThumbnail_" + t.thumbnailId + ".jpg");
                        Instances.add(thumbnail.putArray("instances"), t.bestPictureAt, t.bestPictureAt + 0.04);
                        ObjectNode instance = instances.addObject();
                        instance.putArray("thumbnailsIds").add(t.thumbnailId);
                        instance.setAll(Instances.add(face.arrayNode(), t.first, Math.min(analysis.info().durationSeconds(), t.last + frameSeconds)));
                        analysis.thumbnails().add(new InsightsAnalyzer.KeyFrame(t.thumbnailId, t.thumbnail));
                    }
                    number++;
                }
            }
        };
    }
}
