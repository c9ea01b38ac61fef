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
import java.util.Comparator;
import java.util.List;

/**
 * Faces, grouped into people: BlazeFace finds faces in each sampled frame, a face is followed from frame to frame
 * by its box, a closer look confirms it and FaceRes embeds it when it first appears (and again when it is seen twice
 * as large, up to {@value #MAX_EMBEDDINGS_PER_TRACK} times), and the faces of the whole video are grouped by their
 * embeddings ({@link FaceGroups}). Each person is a {@code faces[]} entry named
 * "Unknown #n", with the clearest picture of each appearance as a thumbnail.
 */
public final class FacesAnalyzer implements Analyzer {

    static final int MAX_EMBEDDINGS_PER_TRACK = 3;
    static final int CLOSE_UP = 160;

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
        VisionWorker worker = analysis.vision(name());
        // another face in the same place after a cut must not pass
        Track.Tracker tracker = new Track.Tracker(analysis.videoId(), "face", Files.createDirectories(analysis.work().resolve("faces")), 0.12);
        double frameSeconds = 1 / settings.framesPerSecond();
        return new Run() {
            @Override
            public void frame(VideoFrame frame) throws IOException {
                List<VisionWorker.Face> faces = worker.detect(frame, VisionWorker.FACES).faces();
                List<Track> tracks = tracker.follow(frame, faces.stream().map(f -> "face").toList(),
                        faces.stream().map(VisionWorker.Face::box).toList(), faces.stream().map(VisionWorker.Face::score).toList());
                for (Track track : tracks) {
                    if (!track.rejected && (track.embeddings == 0
                            || track.embeddings < MAX_EMBEDDINGS_PER_TRACK && track.box.width() * track.box.height() >= 2 * track.embeddedArea)) {
                        describe(worker, frame, track);
                    }
                }
            }

            @Override
            public void finish(ObjectNode insights) {
                ArrayNode faces = insights.putArray("faces");
                List<Track> embedded = tracker.all().stream().filter(t -> t.embeddings > 0 && !t.rejected).toList();
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

    /**
     * Looks again at a new face, closer: the region around it (twice its size, at least {@value #CLOSE_UP} px) is
     * searched on its own, with the face mesh on. The detector alone takes a cat's face, a wheel or a bird for a face
     * (0.78, 0.73, 0.53 on Debian's sample pictures); the mesh finds none of them and every real face of the tests.
     * A face that passes gets its embedding; one that fails is no face.
     */
    private static void describe(VisionWorker worker, VideoFrame frame, Track track) throws IOException {
        VisionWorker.Box box = track.box;
        int side = Math.max(CLOSE_UP, 2 * Math.max(box.width(), box.height()));
        int x0 = Math.max(0, Math.min(frame.width() - side, box.x() + box.width() / 2 - side / 2));
        int y0 = Math.max(0, Math.min(frame.height() - side, box.y() + box.height() / 2 - side / 2));
        VisionWorker.Box target = new VisionWorker.Box(box.x() - x0, box.y() - y0, box.width(), box.height());
        VisionWorker.Face closer = worker.detect(frame.crop(x0, y0, side, side), VisionWorker.FACES_WITH_EMBEDDINGS).faces()
                .stream().filter(f -> f.embedding() != null && f.box().overlap(target) >= 0.3)
                .max(Comparator.comparingDouble(VisionWorker.Face::score)).orElse(null);
        if (closer == null) {
            track.rejected = track.embeddings == 0; // a face already described stays one
            return;
        }
        track.embed(closer.embedding(), box.width() * box.height());
    }
}
