package io.mediaroutes.service.indexer;

import io.mediaroutes.security.OutboundHttp;
import io.mediaroutes.security.PublicUrl;
import io.mediaroutes.service.EmbeddedService;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mediaroutes.insights.Captions;
import io.mediaroutes.insights.VideoIndex;
import io.mediaroutes.service.Formats;
import io.mediaroutes.service.Video;
import io.mediaroutes.service.VideoRepository;
import io.mediaroutes.storage.BlobStore;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The Video Indexer API (seed 000), rooted at the app's root so a client's apiUrl is just http://host:port:
 * access tokens with the subscription key, upload by URL or bytes, Index, Search, Captions, Thumbnails,
 * Delete and ReIndex. Errors are JSON {@code {"ErrorType":..,"Message":..}} like the real service's.
 */
@EmbeddedService
@RestController
public class VideoIndexerController {

    private static final String KEY_HEADER = "Ocp-Apim-Subscription-Key";

    private final IndexerAccount account;
    private final AccessTokens tokens;
    private final VideoRepository videos;
    private final IndexerVideos indexerVideos;
    private final BlobStore blobs;
    private final ObjectMapper json;
    private final OutboundHttp outbound;
    private final VideoFetcher fetcher;
    private final PublicUrl publicUrl;

    public VideoIndexerController(IndexerAccount account, AccessTokens tokens, VideoRepository videos, IndexerVideos indexerVideos,
            BlobStore blobs, ObjectMapper json, OutboundHttp outbound, VideoFetcher fetcher, PublicUrl publicUrl) {
        this.outbound = outbound;
        this.fetcher = fetcher;
        this.publicUrl = publicUrl;
        this.account = account;
        this.tokens = tokens;
        this.videos = videos;
        this.indexerVideos = indexerVideos;
        this.blobs = blobs;
        this.json = json;
    }

    @GetMapping({"/auth/{location}/Accounts/{accountId}/AccessToken", "/auth/{location}/Accounts/{accountId}/Videos/{videoId}/AccessToken"})
    public ResponseEntity<?> accessToken(@PathVariable String location, @PathVariable String accountId,
            @PathVariable(required = false) String videoId, @RequestParam(defaultValue = "false") boolean allowEdit,
            @RequestHeader(name = KEY_HEADER, required = false) String key) {
        if (!account.keyMatches(key)) {
            return error(HttpStatus.UNAUTHORIZED, "UNAUTHORIZED", "Access denied due to a missing or invalid subscription key.");
        }
        if (!account.matches(location, accountId)) {
            return error(HttpStatus.NOT_FOUND, "ACCOUNT_NOT_FOUND", "Account " + accountId + " in " + location + " does not exist.");
        }
        if (videoId != null && videos.find(videoId).isEmpty()) {
            return error(HttpStatus.NOT_FOUND, "VIDEO_NOT_FOUND", "Video " + videoId + " does not exist.");
        }
        return jsonString(tokens.issue(account.accountId(), videoId, allowEdit));
    }

    @GetMapping("/auth/{location}/Users/Me/AccessToken")
    public ResponseEntity<?> userToken(@PathVariable String location, @RequestParam(defaultValue = "false") boolean allowEdit,
            @RequestHeader(name = KEY_HEADER, required = false) String key) {
        if (!account.keyMatches(key)) {
            return error(HttpStatus.UNAUTHORIZED, "UNAUTHORIZED", "Access denied due to a missing or invalid subscription key.");
        }
        return jsonString(tokens.issue(account.accountId(), null, allowEdit));
    }

    @PostMapping("/{location}/Accounts/{accountId}/Videos")
    public ResponseEntity<?> upload(@PathVariable String location, @PathVariable String accountId, HttpServletRequest request,
            @RequestParam(required = false) String name, @RequestParam(required = false) String description,
            @RequestParam(defaultValue = "Private") String privacy, @RequestParam(required = false) String partition,
            @RequestParam(required = false) String externalId, @RequestParam(required = false) String callbackUrl,
            @RequestParam(required = false) String metadata, @RequestParam(defaultValue = "en-US") String language,
            @RequestParam(required = false) String videoUrl) throws Exception {
        ResponseEntity<?> denied = authorize(location, accountId, null, true, request);
        if (denied != null) {
            return denied;
        }
        if (name == null || name.isBlank() || name.length() > 80) {
            return error(HttpStatus.BAD_REQUEST, "INVALID_INPUT", "name is required and may have at most 80 characters.");
        }
        if (!privacy.equalsIgnoreCase("Private") && !privacy.equalsIgnoreCase("Public")) {
            return error(HttpStatus.BAD_REQUEST, "INVALID_INPUT", "privacy must be Private or Public.");
        }
        URI source = null;
        if (videoUrl != null) {
            source = httpUrl(videoUrl);
            if (source == null) {
                return error(HttpStatus.BAD_REQUEST, "INVALID_INPUT", "videoUrl must be an absolute http or https URL.");
            }
        }
        if (callbackUrl != null && !callbackUrl.isBlank()) {
            URI callback = httpUrl(callbackUrl);
            if (callback == null || !outbound.mayCall(callback)) {
                return error(HttpStatus.BAD_REQUEST, "INVALID_INPUT",
                        "callbackUrl must be an absolute http or https URL of a host this service may call.");
            }
        }
        Part file = videoUrl == null ? firstFilePart(request) : null;
        if (videoUrl == null && file == null) {
            return error(HttpStatus.BAD_REQUEST, "INVALID_INPUT", "Give videoUrl, or the video's bytes as multipart/form-data.");
        }
        String ext = Formats.supportedExtension(file != null ? file.getSubmittedFileName() : source.getPath()).orElse("mp4");
        String id = UUID.randomUUID().toString();
        Instant now = Instant.now();
        Video video = new Video(id, name, UUID.randomUUID() + "." + ext, "None", null, null, null, null, null, 0,
                Video.State.CREATED, 0, null, now, now);
        videos.insert(video);
        indexerVideos.insert(id, new IndexerVideos.Fields(description, externalId, callbackUrl, metadata, partition,
                privacy.substring(0, 1).toUpperCase(Locale.ROOT) + privacy.substring(1).toLowerCase(Locale.ROOT), language));
        if (source != null) {
            fetcher.fetchLater(video, source); // answered now, Uploaded; Processing or Failed once fetched
            return ResponseEntity.ok(summary(video));
        }
        try (InputStream in = file.getInputStream()) {
            blobs.putBlob(video.container(), video.fileName(), in);
        }
        videos.transition(id, Video.State.CREATED, Video.State.QUEUED);
        return ResponseEntity.ok(summary(videos.find(id).orElseThrow()));
    }

    /** An absolute http(s) URL with a host, or null. */
    private static URI httpUrl(String url) {
        try {
            URI uri = new URI(url);
            String scheme = String.valueOf(uri.getScheme()).toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null ? uri : null;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    @GetMapping("/{location}/Accounts/{accountId}/Videos/{videoId}/Index")
    public ResponseEntity<?> index(@PathVariable String location, @PathVariable String accountId, @PathVariable String videoId,
            HttpServletRequest request) throws IOException {
        ResponseEntity<?> denied = authorize(location, accountId, videoId, false, request);
        if (denied != null) {
            return denied;
        }
        Optional<Video> video = videos.find(videoId);
        if (video.isEmpty()) {
            return error(HttpStatus.NOT_FOUND, "VIDEO_NOT_FOUND", "Video " + videoId + " does not exist.");
        }
        return ResponseEntity.ok(index(video.get()));
    }

    @GetMapping("/{location}/Accounts/{accountId}/Videos/Search")
    public ResponseEntity<?> search(@PathVariable String location, @PathVariable String accountId,
            @RequestParam(required = false) String id, @RequestParam(required = false) String query,
            @RequestParam(required = false) String externalId, HttpServletRequest request) throws IOException {
        ResponseEntity<?> denied = authorize(location, accountId, null, false, request);
        if (denied != null) {
            return denied;
        }
        List<Object> results = new ArrayList<>();
        for (String videoId : indexerVideos.ids()) {
            Optional<Video> video = videos.find(videoId);
            Optional<IndexerVideos.Fields> fields = indexerVideos.find(videoId);
            if (video.isEmpty() || fields.isEmpty() || id != null && !id.equals(videoId)
                    || externalId != null && !externalId.equals(fields.get().externalId())) {
                continue;
            }
            JsonNode index = index(video.get(), fields.get()); // read once: for the query and for the summary
            if (query != null && !json.writeValueAsString(index).toLowerCase(Locale.ROOT).contains(query.toLowerCase(Locale.ROOT))) {
                continue;
            }
            results.add(summary(video.get(), fields.get(), index));
        }
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("results", results);
        page.put("nextPage", Map.of("pageSize", 25, "skip", 0, "done", true));
        return ResponseEntity.ok(page);
    }

    @GetMapping("/{location}/Accounts/{accountId}/Videos/{videoId}/Captions")
    public ResponseEntity<?> captions(@PathVariable String location, @PathVariable String accountId, @PathVariable String videoId,
            @RequestParam(defaultValue = "Vtt") String format, HttpServletRequest request) throws IOException {
        ResponseEntity<?> denied = authorize(location, accountId, videoId, false, request);
        if (denied != null) {
            return denied;
        }
        String type = Captions.CONTENT_TYPES.get(format.toLowerCase(Locale.ROOT));
        Optional<Video> video = videos.find(videoId);
        if (type == null) {
            return error(HttpStatus.BAD_REQUEST, "INVALID_INPUT", "format must be Vtt, Srt, Ttml, Txt or Csv.");
        }
        if (video.isEmpty()) {
            return error(HttpStatus.NOT_FOUND, "VIDEO_NOT_FOUND", "Video " + videoId + " does not exist.");
        }
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(type + ";charset=utf-8"))
                .body(Captions.format(Captions.cues(index(video.get())), format));
    }

    @GetMapping("/{location}/Accounts/{accountId}/Videos/{videoId}/Thumbnails/{thumbnailId}")
    public ResponseEntity<?> thumbnail(@PathVariable String location, @PathVariable String accountId, @PathVariable String videoId,
            @PathVariable String thumbnailId, HttpServletRequest request) throws IOException {
        ResponseEntity<?> denied = authorize(location, accountId, videoId, false, request);
        if (denied != null) {
            return denied;
        }
        Optional<Video> video = videos.find(videoId);
        String blob = "thumbnails/" + thumbnailId + ".jpg";
        if (video.isEmpty() || !thumbnailId.matches("[0-9a-f-]{36}") || blobs.properties(video.get().container(), blob).isEmpty()) {
            return error(HttpStatus.NOT_FOUND, "THUMBNAIL_NOT_FOUND", "Thumbnail " + thumbnailId + " does not exist.");
        }
        try (InputStream in = blobs.openRead(video.get().container(), blob)) {
            return ResponseEntity.ok().contentType(MediaType.IMAGE_JPEG).body(in.readAllBytes());
        }
    }

    @DeleteMapping("/{location}/Accounts/{accountId}/Videos/{videoId}")
    public ResponseEntity<?> delete(@PathVariable String location, @PathVariable String accountId, @PathVariable String videoId,
            HttpServletRequest request) throws IOException {
        ResponseEntity<?> denied = authorize(location, accountId, videoId, true, request);
        if (denied != null) {
            return denied;
        }
        Optional<Video> video = videos.find(videoId);
        if (video.isPresent()) {
            videos.delete(videoId);
            indexerVideos.delete(videoId);
            blobs.deleteContainer(video.get().container());
        }
        return ResponseEntity.noContent().build();
    }

    @PutMapping("/{location}/Accounts/{accountId}/Videos/{videoId}/ReIndex")
    public ResponseEntity<?> reIndex(@PathVariable String location, @PathVariable String accountId, @PathVariable String videoId,
            HttpServletRequest request) {
        ResponseEntity<?> denied = authorize(location, accountId, videoId, true, request);
        if (denied != null) {
            return denied;
        }
        Optional<Video> video = videos.find(videoId);
        if (video.isEmpty()) {
            return error(HttpStatus.NOT_FOUND, "VIDEO_NOT_FOUND", "Video " + videoId + " does not exist.");
        }
        if (!videos.transition(videoId, Video.State.COMPLETED, Video.State.QUEUED)
                && !videos.transition(videoId, Video.State.FAILED, Video.State.QUEUED)) {
            return error(HttpStatus.CONFLICT, "VIDEO_INDEXING_IN_PROGRESS", "Video " + videoId + " is being indexed.");
        }
        return ResponseEntity.noContent().build();
    }

    /** Insights widget: a 301 whose Location is the page, as Video Indexer answers. */
    @GetMapping("/{location}/Accounts/{accountId}/Videos/{videoId}/InsightsWidget")
    public ResponseEntity<?> insightsWidget(@PathVariable String location, @PathVariable String accountId, @PathVariable String videoId,
            @RequestParam(defaultValue = "") String widgetType, HttpServletRequest request) {
        return widget(location, accountId, videoId, "insights.html", "&widgetType=" + encode(widgetType), request);
    }

    /** Player widget: a 301 whose Location is the page. */
    @GetMapping("/{location}/Accounts/{accountId}/Videos/{videoId}/PlayerWidget")
    public ResponseEntity<?> playerWidget(@PathVariable String location, @PathVariable String accountId, @PathVariable String videoId,
            HttpServletRequest request) {
        return widget(location, accountId, videoId, "player.html", "", request);
    }

    private ResponseEntity<?> widget(String location, String accountId, String videoId, String page, String extra,
            HttpServletRequest request) {
        ResponseEntity<?> denied = authorize(location, accountId, videoId, false, request);
        if (denied != null) {
            return denied;
        }
        if (videos.find(videoId).isEmpty()) {
            return error(HttpStatus.NOT_FOUND, "VIDEO_NOT_FOUND", "Video " + videoId + " does not exist.");
        }
        String url = publicUrl.base() + "/widgets/" + page + "?location=" + encode(location) + "&accountId=" + encode(accountId)
                + "&videoId=" + encode(videoId) + "&accessToken=" + encode(request.getParameter("accessToken") == null ? ""
                : request.getParameter("accessToken")) + extra;
        return ResponseEntity.status(HttpStatus.MOVED_PERMANENTLY).location(URI.create(url)).build();
    }

    private static String encode(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * Token rules: a valid token for this account; a video token only for its video; writes need Contributor.
     * Missing, expired or tampered: 401. Valid but not allowed: 403.
     */
    private ResponseEntity<?> authorize(String location, String accountId, String videoId, boolean write, HttpServletRequest request) {
        String token = request.getParameter("accessToken");
        String header = request.getHeader("Authorization");
        if (token == null && header != null && header.startsWith("Bearer ")) {
            token = header.substring(7);
        }
        AccessTokens.Grant grant = tokens.verify(token);
        if (grant == null) {
            return error(HttpStatus.UNAUTHORIZED, "USER_NOT_ALLOWED", "The access token is missing, expired or invalid.");
        }
        if (!account.matches(location, accountId) || !grant.accountId().equals(account.accountId())) {
            return error(HttpStatus.UNAUTHORIZED, "USER_NOT_ALLOWED", "The access token is not for account " + accountId + ".");
        }
        if (grant.videoId() != null && !grant.videoId().equals(videoId)) {
            return error(HttpStatus.FORBIDDEN, "USER_NOT_ALLOWED", "The access token is for another video.");
        }
        if (write && !grant.canWrite()) {
            return error(HttpStatus.FORBIDDEN, "USER_NOT_ALLOWED", "A Reader token cannot change anything; ask for allowEdit=true.");
        }
        return null;
    }

    private JsonNode index(Video video) throws IOException {
        return index(video, indexerVideos.find(video.id()).orElse(null));
    }

    /** The stored index (or the pending one) with this account's id and the upload's fields. */
    private JsonNode index(Video video, IndexerVideos.Fields fields) throws IOException {
        ObjectNode index;
        if (video.state() == Video.State.COMPLETED && blobs.properties(video.container(), VideoIndex.BLOB).isPresent()) {
            try (InputStream in = blobs.openRead(video.container(), VideoIndex.BLOB)) {
                index = (ObjectNode) json.readTree(in);
            }
        } else {
            index = VideoIndex.pending(video);
        }
        index.put("accountId", account.accountId());
        if (fields != null) {
            index.put("description", fields.description());
            index.put("partition", fields.partition());
            index.put("privacyMode", fields.privacy());
        }
        return index;
    }

    private Map<String, Object> summary(Video video) throws IOException {
        IndexerVideos.Fields fields = indexerVideos.find(video.id()).orElse(null);
        return summary(video, fields, index(video, fields));
    }

    private Map<String, Object> summary(Video video, IndexerVideos.Fields fields, JsonNode index) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("accountId", account.accountId());
        summary.put("id", video.id());
        summary.put("partition", fields == null ? null : fields.partition());
        summary.put("externalId", fields == null ? null : fields.externalId());
        summary.put("metadata", fields == null ? null : fields.metadata());
        summary.put("name", video.originalName());
        summary.put("description", fields == null ? null : fields.description());
        summary.put("created", video.createdAt().toString());
        summary.put("lastModified", video.updatedAt().toString());
        summary.put("privacyMode", fields == null ? "Private" : fields.privacy());
        summary.put("state", index.path("state").asText());
        summary.put("processingProgress", index.path("processingProgress").asText());
        summary.put("durationInSeconds", video.duration());
        summary.put("sourceLanguage", fields == null ? "en-US" : fields.language());
        return summary;
    }

    private static Part firstFilePart(HttpServletRequest request) throws Exception {
        String type = request.getContentType();
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("multipart/")) {
            return null;
        }
        return request.getParts().stream().filter(p -> p.getSize() > 0 && (p.getSubmittedFileName() != null || p.getName() != null))
                .findFirst().orElse(null);
    }

    private ResponseEntity<String> jsonString(String value) {
        try {
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(json.writeValueAsString(value));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ResponseEntity<Map<String, Object>> error(HttpStatus status, String type, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ErrorType", type);
        body.put("Message", message);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(body);
    }
}
