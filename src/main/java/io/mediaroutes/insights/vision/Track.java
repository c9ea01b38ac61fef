package io.mediaroutes.insights.vision;

import io.mediaroutes.insights.Looks;
import io.mediaroutes.insights.VideoFrame;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.imageio.ImageIO;

/**
 * One face or object followed across sampled frames: where it was last, when it was seen, its detector scores, its
 * clearest picture (written to disk at once: nothing of a frame stays in the heap) and, for faces, its embeddings.
 */
final class Track {

    final int id;
    final String label;
    final String thumbnailId;
    final Path thumbnail;
    VisionWorker.Box box;
    double[] look;
    /** How far its box's centre moved per sample, last time it was seen; samples it was not seen in since. */
    private double dx;
    private double dy;
    private int missed;
    final double first;
    double last;
    double bestScore;
    private double scoreSum;
    private int seen;
    private double bestPicture = -1;
    double bestPictureAt;
    /** Not a face after all (a closer look did not confirm it). */
    boolean rejected;
    float[] embeddingSum;
    int embeddings;
    int embeddedArea;

    Track(int id, String label, String thumbnailId, Path thumbnail, VisionWorker.Box box, double at) {
        this.id = id;
        this.label = label;
        this.thumbnailId = thumbnailId;
        this.thumbnail = thumbnail;
        this.box = box;
        this.first = at;
        this.last = at;
    }

    /** Seen in {@code frame}, looking like {@code look}: keeps the picture if it is the clearest yet (score times size). */
    private void seen(VideoFrame frame, VisionWorker.Box box, double score, double[] look) throws IOException {
        if (this.box != null && seen > 0) {
            dx = (box.x() + box.width() / 2.0 - this.box.x() - this.box.width() / 2.0) / (missed + 1);
            dy = (box.y() + box.height() / 2.0 - this.box.y() - this.box.height() / 2.0) / (missed + 1);
        }
        this.missed = 0;
        this.box = box;
        this.look = look;
        this.last = frame.seconds();
        this.bestScore = Math.max(bestScore, score);
        this.scoreSum += score;
        this.seen++;
        double picture = score * box.width() * box.height();
        if (picture > bestPicture) {
            bestPicture = picture;
            bestPictureAt = frame.seconds();
            ImageIO.write(crop(frame, box), "jpg", thumbnail.toFile());
        }
    }

    double meanScore() {
        return seen == 0 ? 0 : scoreSum / seen;
    }

    void embed(float[] embedding, int area) {
        if (embeddingSum == null) {
            embeddingSum = new float[embedding.length];
        }
        float[] unit = FaceGroups.normalized(embedding);
        for (int i = 0; i < unit.length; i++) {
            embeddingSum[i] += unit[i];
        }
        embeddings++;
        embeddedArea = area;
    }

    /** Where its box should be now, if it kept moving as it did: the last box moved on by its speed. */
    VisionWorker.Box expected() {
        int steps = missed + 1;
        return new VisionWorker.Box((int) Math.round(box.x() + dx * steps), (int) Math.round(box.y() + dy * steps), box.width(), box.height());
    }

    /** What the inside of a box looks like: 8x8 luma samples. */
    static double[] look(VideoFrame frame, VisionWorker.Box box) {
        return Looks.of(frame, box.x(), box.y(), box.width(), box.height(), 8, 8);
    }

    /** The box with a quarter of its size around it, inside the frame. */
    static BufferedImage crop(VideoFrame frame, VisionWorker.Box box) {
        int marginX = box.width() / 4;
        int marginY = box.height() / 4;
        int x0 = Math.max(0, box.x() - marginX);
        int y0 = Math.max(0, box.y() - marginY);
        return frame.crop(x0, y0, box.x() + box.width() + marginX - x0, box.y() + box.height() + marginY - y0).image();
    }

    /**
     * Follows detections from frame to frame: a detection joins the open track of its label whose expected box (the
     * last one, moved on at its speed) overlaps it most (intersection over union at least {@value #MIN_OVERLAP}, or
     * near and alike in size) and looks alike inside (8x8 luma samples within {@code maxLookChange} on average:
     * another face in the same place after a cut is another track); the others start tracks. A track missed in more
     * than {@value #MAX_MISSED} frame in a row (a detector misses a walking person now and then), or across a cut,
     * ends.
     */
    static final class Tracker {
        static final double MIN_OVERLAP = 0.3;
        static final int MAX_MISSED = 1;
        private final List<Track> open = new ArrayList<>();
        private final List<Track> all = new ArrayList<>();
        private final String videoId;
        private final String kind;
        private final Path pictures;
        private final double maxLookChange;
        private double[] lastSignature;

        /**
         * @param kind          "face" or "object": with the video's id and the track's number, its picture's id
         * @param pictures      where the tracks' pictures are written
         * @param maxLookChange how much the inside of a box may change between two samples and still be the same thing
         */
        Tracker(String videoId, String kind, Path pictures, double maxLookChange) {
            this.videoId = videoId;
            this.kind = kind;
            this.pictures = pictures;
            this.maxLookChange = maxLookChange;
        }

        /** Each detection's track, seen in this frame: the open track it continues, or one it starts. */
        List<Track> follow(VideoFrame frame, List<String> labels, List<VisionWorker.Box> boxes, List<Double> scores) throws IOException {
            List<double[]> looks = boxes.stream().map(box -> look(frame, box)).toList();
            List<Track> tracks = new ArrayList<>(match(frame, labels, boxes, looks));
            for (int i = 0; i < tracks.size(); i++) {
                if (tracks.get(i) == null) {
                    int id = all.size() + 1;
                    String thumbnailId = UUID.nameUUIDFromBytes((videoId + "/" + kind + "/" + id).getBytes(StandardCharsets.UTF_8)).toString();
                    Track track = new Track(id, labels.get(i), thumbnailId, pictures.resolve(thumbnailId + ".jpg"), boxes.get(i), frame.seconds());
                    open.add(track);
                    all.add(track);
                    tracks.set(i, track);
                }
                tracks.get(i).seen(frame, boxes.get(i), scores.get(i), looks.get(i));
            }
            return tracks;
        }

        /**
         * Whether the picture changed too much since the frame before for anything to be followed across (a cut):
         * the mean difference of 16x9 luma samples over a fifth of the scale.
         */
        private boolean cutBefore(VideoFrame frame) {
            double[] signature = Looks.of(frame, 0, 0, frame.width(), frame.height(), 16, 9);
            double difference = lastSignature == null ? 0 : Looks.difference(signature, lastSignature);
            boolean cut = lastSignature != null && difference > 0.2;
            lastSignature = signature;
            return cut;
        }

        /** For each of {@code boxes} (with its label and look), its track, or null where a new one must start. */
        private List<Track> match(VideoFrame frame, List<String> labels, List<VisionWorker.Box> boxes, List<double[]> looks) {
            if (cutBefore(frame)) {
                open.clear();
            }
            List<Track> matched = new ArrayList<>();
            List<Track> free = new ArrayList<>(open);
            for (int i = 0; i < boxes.size(); i++) {
                Track best = null;
                double bestOverlap = MIN_OVERLAP;
                for (Track t : free) {
                    // boxes that overlap, or a box that moved by less than its width at about the same size (people
                    // walk out of their last box between two samples)
                    VisionWorker.Box expected = t.expected();
                    double overlap = Math.max(expected.overlap(boxes.get(i)), near(expected, boxes.get(i)) ? MIN_OVERLAP : 0);
                    if (t.label.equals(labels.get(i)) && overlap >= bestOverlap
                            && Looks.difference(t.look, looks.get(i)) <= maxLookChange) {
                        best = t;
                        bestOverlap = overlap;
                    }
                }
                free.remove(best);
                matched.add(best);
            }
            for (Track t : free) { // not seen in this frame
                if (++t.missed > MAX_MISSED) {
                    open.remove(t);
                }
            }
            return matched;
        }

        private static boolean near(VisionWorker.Box a, VisionWorker.Box b) {
            double dx = (a.x() + a.width() / 2.0) - (b.x() + b.width() / 2.0);
            double dy = (a.y() + a.height() / 2.0) - (b.y() + b.height() / 2.0);
            double size = (double) b.width() * b.height() / Math.max(1, a.width() * a.height());
            return Math.hypot(dx, dy) <= Math.max(a.width(), b.width()) && size >= 0.5 && size <= 2;
        }

        List<Track> all() {
            return all;
        }
    }
}
