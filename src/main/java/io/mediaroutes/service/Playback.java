package io.mediaroutes.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mediaroutes.insights.InsightsAnalyzer;
import io.mediaroutes.insights.Timecode;
import io.mediaroutes.media.MediaProcessor;
import io.mediaroutes.storage.BlobStore;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * Where a processed video's playable files live in its container, and how they are stored there:
 * {@code hls/master.m3u8}, {@code dash/manifest.mpd}, {@code progressive.mp4}, {@code thumbnails/*.jpg},
 * with {@code thumbnails.json} describing the thumbnails.
 */
public final class Playback {

    public static final String HLS = "hls/master.m3u8";
    public static final String DASH = "dash/manifest.mpd";
    public static final String PROGRESSIVE = "progressive.mp4";
    public static final String THUMBNAILS = "thumbnails.json";

    /** One thumbnail as kept in thumbnails.json; the API adds its Url. */
    public record Thumbnail(String kind, int height, int index, double time, String blob) {}

    private Playback() {}

    public static void store(BlobStore blobs, String container, MediaProcessor.Output out, ObjectMapper json) throws IOException {
        putTree(blobs, container, out.hlsDir(), "hls/");
        if (out.dashDir() != null) {
            putTree(blobs, container, out.dashDir(), "dash/");
        }
        if (out.progressive() != null) {
            put(blobs, container, out.progressive(), PROGRESSIVE);
        }
        List<Thumbnail> thumbnails = new ArrayList<>();
        put(blobs, container, out.poster(), "thumbnails/poster.jpg");
        thumbnails.add(new Thumbnail("Poster", Math.min(720, out.info().height()) / 2 * 2, 0,
                Math.min(out.info().durationSeconds() * 0.1, 5.0), "thumbnails/poster.jpg"));
        for (MediaProcessor.Thumbnail t : out.thumbnails()) {
            String blob = "thumbnails/" + t.file().getFileName();
            put(blobs, container, t.file(), blob);
            thumbnails.add(new Thumbnail("Keyframe", t.height(), thumbnails.size(), t.time(), blob));
        }
        blobs.putBlob(container, THUMBNAILS, new ByteArrayInputStream(json.writeValueAsBytes(Map.of("thumbnails", thumbnails))));
    }

    /**
     * Adds each face's pictures (its clearest picture of each appearance) to the Thumbnails list, kind "Face"; their
     * heights are read from the analysis' own files ({@code pictures}), not fetched back from the store.
     */
    public static void addFaces(BlobStore blobs, String container, JsonNode insights, List<InsightsAnalyzer.KeyFrame> pictures,
            ObjectMapper json) throws IOException {
        JsonNode faces = insights.path("faces");
        if (!faces.isArray() || faces.isEmpty()) {
            return;
        }
        Map<String, Path> files = new HashMap<>();
        pictures.forEach(p -> files.put(p.thumbnailId(), p.jpeg()));
        List<Thumbnail> thumbnails;
        try (var in = blobs.openRead(container, THUMBNAILS)) {
            thumbnails = new ArrayList<>(List.of(json.treeToValue(json.readTree(in).get("thumbnails"), Thumbnail[].class)));
        }
        for (JsonNode face : faces) {
            for (JsonNode picture : face.path("thumbnails")) {
                String id = picture.path("id").asText();
                BufferedImage image = files.containsKey(id) ? ImageIO.read(files.get(id).toFile()) : null;
                thumbnails.add(new Thumbnail("Face", image == null ? 0 : image.getHeight(), thumbnails.size(),
                        Timecode.parse(picture.at("/instances/0/start").asText("0:00:00")), "thumbnails/" + id + ".jpg"));
            }
        }
        blobs.putBlob(container, THUMBNAILS, new ByteArrayInputStream(json.writeValueAsBytes(Map.of("thumbnails", thumbnails))));
    }

    private static void putTree(BlobStore blobs, String container, Path dir, String prefix) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                put(blobs, container, file, prefix + dir.relativize(file).toString().replace('\\', '/'));
            }
        }
    }

    private static void put(BlobStore blobs, String container, Path file, String blob) throws IOException {
        blobs.putFile(container, blob, file);
    }
}
