package io.mediaroutes.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mediaroutes.security.PublicUrl;
import io.mediaroutes.service.indexer.AccessTokens;
import io.mediaroutes.storage.BlobStore;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.core.io.FileSystemResource;
import org.springframework.http.HttpRange;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.CrossOrigin;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The Connector reference's Thumbnail, Playback and AuthorizationToken resources, the key delivery URL that
 * AES-128 HLS playlists point at, and the playable files themselves under {@code /media/<id>/}.
 */
@RestController
@CrossOrigin(origins = "*", exposedHeaders = "Content-Length")
public class PlaybackController {

    private static final Map<String, String> ENDPOINTS = Map.of("hls", "HLS", "dash", "DASH", "streaming", "Streaming");
    private static final Map<String, MediaType> TYPES = Map.of(
            "m3u8", MediaType.parseMediaType("application/vnd.apple.mpegurl"),
            "ts", MediaType.parseMediaType("video/mp2t"),
            "mpd", MediaType.parseMediaType("application/dash+xml"),
            "m4s", MediaType.parseMediaType("video/iso.segment"),
            "mp4", MediaType.parseMediaType("video/mp4"),
            "jpg", MediaType.IMAGE_JPEG);

    private final VideoRepository videos;
    private final BlobStore blobs;
    private final KeyTokens tokens;
    private final ObjectMapper json;
    private final PublicUrl publicUrl;
    private final AccessTokens indexerTokens;
    private final boolean authRequired;

    public PlaybackController(VideoRepository videos, BlobStore blobs, KeyTokens tokens, ObjectMapper json, PublicUrl publicUrl,
            AccessTokens indexerTokens, ServiceProperties service) {
        this.indexerTokens = indexerTokens;
        this.authRequired = service.auth().required();
        this.publicUrl = publicUrl;
        this.videos = videos;
        this.blobs = blobs;
        this.tokens = tokens;
        this.json = json;
    }

    @GetMapping("/api/Videos/{id}/Thumbnails")
    public ResponseEntity<?> thumbnails(@PathVariable String id, HttpServletRequest request) throws IOException {
        Optional<Video> video = videos.findConnectorVideo(id);
        if (video.isEmpty()) {
            return ResponseEntity.notFound().build();
        }
        if (video.get().state() != Video.State.COMPLETED) {
            return notReady(request, video.get());
        }
        JsonNode stored;
        try (var in = blobs.openRead(video.get().container(), Playback.THUMBNAILS)) {
            stored = json.readTree(in).get("thumbnails");
        }
        List<Map<String, Object>> thumbnails = new ArrayList<>();
        for (JsonNode t : stored) {
            Map<String, Object> thumbnail = new LinkedHashMap<>();
            thumbnail.put("Kind", t.get("kind").asText());
            thumbnail.put("Height", t.get("height").asInt());
            thumbnail.put("Index", t.get("index").asInt());
            thumbnail.put("Time", t.get("time").asDouble());
            thumbnail.put("Url", mediaUrl(id, t.get("blob").asText()));
            thumbnails.add(thumbnail);
        }
        return ResponseEntity.ok(thumbnails);
    }

    @GetMapping("/api/Videos/{id}/PlaybackEndpoint")
    public ResponseEntity<?> playbackEndpoint(@PathVariable String id, @RequestParam(required = false) String endpointType,
            HttpServletRequest request) {
        Optional<Video> video = videos.findConnectorVideo(id);
        if (video.isEmpty()) {
            return ResponseEntity.notFound().build();
        }
        String type = endpointType == null ? null : ENDPOINTS.get(endpointType.toLowerCase(Locale.ROOT));
        if (type == null) {
            return VideoController.invalidRequest(request, "endpointType must be HLS, DASH or Streaming.");
        }
        if (video.get().state() != Video.State.COMPLETED) {
            return notReady(request, video.get());
        }
        if (!type.equals("HLS") && "AES128".equals(video.get().contentProtection())) {
            return VideoController.invalidRequest(request, "An AES128-protected video plays over HLS only.");
        }
        String blob = switch (type) {
            case "HLS" -> Playback.HLS;
            case "DASH" -> Playback.DASH;
            default -> Playback.PROGRESSIVE;
        };
        Map<String, String> body = new LinkedHashMap<>();
        body.put("Type", type);
        body.put("PlaybackUrl", mediaUrl(id, blob));
        return ResponseEntity.ok(body);
    }

    /** The Connector reference: a key token for an AES128 video's ContentProtectionKeyId. */
    @GetMapping("/api/Videos/{id}/AuthorizationToken")
    public ResponseEntity<?> authorizationToken(@PathVariable String id, @RequestParam(name = "KeyId", required = false) String keyId,
            HttpServletRequest request) {
        Optional<Video> video = videos.findConnectorVideo(id);
        if (video.isEmpty() || keyId == null || !keyId.equals(video.get().contentKeyId())) {
            return ResponseEntity.notFound().build();
        }
        return ResponseEntity.ok(Map.of("value", tokens.issue(keyId, publicUrl.host())));
    }

    /** The AES-128 key, for a valid, unexpired token for this key: in the Authorization header or ?token=. */
    @GetMapping("/keys/{keyId}")
    public ResponseEntity<?> key(@PathVariable String keyId,
            @RequestHeader(name = "Authorization", required = false) String authorization,
            @RequestParam(name = "token", required = false) String queryToken) {
        Optional<Video> video = videos.findByContentKeyId(keyId);
        if (video.isEmpty()) {
            return ResponseEntity.notFound().build();
        }
        String token = authorization != null ? authorization : queryToken;
        String why = tokens.rejection(token, keyId);
        if (why != null) {
            HttpStatus status = why.equals("missing") ? HttpStatus.UNAUTHORIZED : HttpStatus.FORBIDDEN;
            return ResponseEntity.status(status).header("WWW-Authenticate", "Bearer")
                    .contentType(MediaType.TEXT_PLAIN).body("Key token " + why + ".");
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_OCTET_STREAM)
                .header("Cache-Control", "no-store")
                .body(Base64.getDecoder().decode(video.get().contentKey()));
    }

    /** A playable file: playlists, segments, the progressive mp4 (with Range support) and thumbnails. */
    @GetMapping("/media/{id}/**")
    public ResponseEntity<?> media(@PathVariable String id, HttpServletRequest request) throws IOException {
        String prefix = "/media/" + id + "/";
        String blob = request.getRequestURI().substring(request.getContextPath().length() + prefix.length());
        boolean playable = blob.startsWith("hls/") || blob.startsWith("dash/") || blob.startsWith("thumbnails/")
                || blob.equals(Playback.PROGRESSIVE);
        Optional<Video> video = videos.find(id);
        if (video.isPresent() && !mayPlay(video.get(), request.getParameter("accessToken"))) {
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED).header("WWW-Authenticate", "Bearer").build();
        }
        if (!playable || blob.contains("..") || video.isEmpty() || video.get().state() != Video.State.COMPLETED) {
            return ResponseEntity.notFound().build();
        }
        Optional<BlobStore.Properties> properties = blobs.properties(video.get().container(), blob); // once: every segment comes here
        if (properties.isEmpty()) {
            return ResponseEntity.notFound().build();
        }
        long size = properties.get().size();
        if (!satisfiable(request.getHeader("Range"), size)) {
            return ResponseEntity.status(HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE).header("Content-Range", "bytes */" + size).build();
        }
        String ext = blob.substring(blob.lastIndexOf('.') + 1);
        return ResponseEntity.ok().contentType(TYPES.getOrDefault(ext, MediaType.APPLICATION_OCTET_STREAM))
                .body(new FileSystemResource(blobs.localCopy(video.get().container(), blob)));
    }

    /**
     * A Video Indexer video plays with an access token for it ({@code ?accessToken=}, which the widgets add to every
     * request); a Connector video with the API's credential (ApiAccess), so a token is no way in to it.
     */
    private boolean mayPlay(Video video, String accessToken) {
        if (videos.isConnectorVideo(video.id())) {
            return !authRequired || accessToken == null;
        }
        AccessTokens.Grant grant = indexerTokens.verify(accessToken);
        return grant != null && (grant.videoId() == null || grant.videoId().equals(video.id()));
    }

    /** A Range the file can serve (or none): else 416 with no body, where Spring would send the whole file. */
    private static boolean satisfiable(String range, long size) {
        if (range == null) {
            return true;
        }
        try {
            return HttpRange.parseRanges(range).stream().allMatch(r -> r.getRangeStart(size) < size);
        } catch (IllegalArgumentException unsatisfiable) {
            return false;
        }
    }

    private String mediaUrl(String id, String blob) {
        return publicUrl.base() + "/media/" + id + "/" + blob;
    }

    private static ResponseEntity<?> notReady(HttpServletRequest request, Video video) {
        return VideoController.problem(HttpStatus.FORBIDDEN, request, video.state() == Video.State.FAILED
                ? "The video failed: " + video.message() : "Video is still being processed. Try again later.");
    }
}
