package io.mediaroutes.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mediaroutes.insights.Captions;
import io.mediaroutes.insights.VideoIndex;
import io.mediaroutes.security.PublicUrl;
import io.mediaroutes.service.search.SearchIndex;
import io.mediaroutes.service.search.SearchMatches;
import io.mediaroutes.service.search.SearchSync;
import io.mediaroutes.storage.BlobStore;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.charset.Charset;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The Connector API's Video resource (the Connector reference) plus Formats and our Index extension. */
@RestController
public class VideoController {

    static final String BAD_VIDEO_MESSAGE = "Unable to deserialize JSON into Video object. You must minimally specify "
            + "OriginalFileName field. FileName doesn't matter but you must provide CORRECT extension.";
    private static final SecureRandom RANDOM = new SecureRandom();

    static final String CLIENT_REQUEST_ID = "client-request-id";

    private final VideoRepository videos;
    private final UploadUris uploadUris;
    private final BlobStore blobs;
    private final ServiceProperties props;
    private final ObjectMapper json;
    private final PublicUrl publicUrl;
    private final ProcessingQueue queue;
    private final ConnectorSearch indexes;
    private final SearchSync search;

    public VideoController(VideoRepository videos, UploadUris uploadUris, BlobStore blobs, ServiceProperties props,
            ObjectMapper json, PublicUrl publicUrl, ProcessingQueue queue, ConnectorSearch indexes, SearchSync search) {
        this.queue = queue;
        this.indexes = indexes;
        this.search = search;
        this.publicUrl = publicUrl;
        this.videos = videos;
        this.uploadUris = uploadUris;
        this.blobs = blobs;
        this.props = props;
        this.json = json;
    }

    /**
     * Create Video. Beyond the reference: a request carrying {@code client-request-id} (Azure's request id header)
     * that names a video created before gets that video again, so a client that crashed before it read the
     * answer does not create a second one.
     */
    @PostMapping({"/api/Videos", "/api/Videos/"})
    public ResponseEntity<?> create(@RequestBody(required = false) String body, HttpServletRequest request) {
        String clientRequestId = request.getHeader(CLIENT_REQUEST_ID);
        Optional<Video> earlier = clientRequestId == null ? Optional.empty() : videos.findByClientRequestId(clientRequestId);
        if (earlier.isPresent()) {
            return ResponseEntity.ok().header(CLIENT_REQUEST_ID, clientRequestId).body(VideoResource.of(earlier.get(), uploadUri(earlier.get()), true));
        }
        JsonNode node = parse(body);
        String originalName = node == null ? null : text(node, "OriginalFileName");
        Optional<String> ext = Formats.supportedExtension(originalName);
        if (ext.isEmpty()) {
            return badVideo(request);
        }
        String protection = text(node, "ContentProtectionMode");
        String encryption = text(node, "InputStorageEncryptionMode");
        boolean aes128 = "AES128".equalsIgnoreCase(protection);
        boolean aes256 = "AES256".equalsIgnoreCase(encryption);
        if (!aes128 && !isEmptyOr(protection, "None") || !aes256 && !isEmptyOr(encryption, "None")) {
            return invalidRequest(request, "The request is invalid.");
        }
        String id = UUID.randomUUID().toString();
        Instant now = Instant.now();
        Video video = new Video(id, truncate(originalName, 1024), UUID.randomUUID() + "." + ext.get(),
                aes128 ? "AES128" : "None", aes128 ? UUID.randomUUID().toString() : null, aes128 ? randomKey(16) : null,
                aes256 ? "AES256" : null, aes256 ? randomKey(32) : null, aes256 ? randomKey(16) : null,
                0, Video.State.CREATED, 0, null, now, now);
        videos.insert(video, clientRequestId);
        return ResponseEntity.ok(VideoResource.of(video, uploadUri(video), true));
    }

    @GetMapping("/api/Videos/{id}")
    public ResponseEntity<?> get(@PathVariable String id) {
        return videos.findConnectorVideo(id)
                .<ResponseEntity<?>>map(v -> ResponseEntity.ok(VideoResource.of(v, uploadUri(v), false)))
                .orElseGet(() -> ResponseEntity.notFound().build());
    }

    @DeleteMapping("/api/Videos/{id}")
    public ResponseEntity<Void> delete(@PathVariable String id) throws IOException {
        Optional<Video> video = videos.findConnectorVideo(id);
        if (video.isEmpty() || !videos.delete(id)) {
            return ResponseEntity.notFound().build();
        }
        search.deleted(id);
        blobs.deleteContainer(video.get().container());
        return ResponseEntity.noContent().build();
    }

    /** Idempotent: a second MarkComplete (a client retrying) answers 200 again. */
    @PostMapping("/api/Videos/{id}/MarkComplete")
    public ResponseEntity<?> markComplete(@PathVariable String id, HttpServletRequest request) throws IOException {
        Optional<Video> video = videos.findConnectorVideo(id);
        if (video.isEmpty()) {
            return ResponseEntity.notFound().build();
        }
        Video v = video.get();
        if (v.state() == Video.State.CREATED) {
            if (blobs.properties(v.container(), v.fileName()).isEmpty()) {
                return invalidRequest(request, "Nothing was uploaded to the UploadUri; upload the video before MarkComplete.");
            }
            videos.transition(id, Video.State.CREATED, Video.State.QUEUED);
            queue.claim(); // processing starts now, not at the queue's next look
        }
        return ResponseEntity.ok().build();
    }

    @GetMapping("/api/Videos/{id}/Status")
    public ResponseEntity<?> status(@PathVariable String id) {
        return videos.findConnectorVideo(id)
                .<ResponseEntity<?>>map(v -> ResponseEntity.ok(VideoStatus.of(v)))
                .orElseGet(() -> ResponseEntity.notFound().build());
    }

    /** The Video Indexer-shaped index (our extension of the Connector API). */
    @GetMapping(value = "/api/Videos/{id}/Index", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<?> index(@PathVariable String id) throws IOException {
        Optional<Video> video = videos.findConnectorVideo(id);
        if (video.isEmpty()) {
            return ResponseEntity.notFound().build();
        }
        Optional<JsonNode> stored = indexes.storedIndex(video.get());
        return ResponseEntity.ok(stored.isPresent() ? stored.get() : video.get().pendingIndex());
    }

    /**
     * Search (our extension, answering as Video Indexer's Search does): the processed videos whose insights or name
     * match {@code query}, best first, each with where it was said or shown ({@code searchMatches}); from the search
     * index. {@code mode=hybrid} finds moments by meaning too (a query that shares no word with them). Without a
     * {@code query}, every processed video, a page at a time. Each result carries what a library filters by: its
     * length, thumbnail, the people named or recognised, the objects and the topics.
     */
    @GetMapping("/api/Videos/Search")
    public ResponseEntity<?> search(@RequestParam(required = false) String query, @RequestParam(defaultValue = "words") String mode,
            @RequestParam(defaultValue = "25") int pageSize, @RequestParam(defaultValue = "0") int skip, HttpServletRequest request)
            throws IOException {
        Optional<SearchIndex.Mode> how = SearchIndex.Mode.named(mode);
        if (pageSize < 1 || pageSize > 1000 || skip < 0 || how.isEmpty()) {
            return invalidRequest(request, "mode must be words or hybrid, pageSize must be 1 to 1000 and skip at least 0.");
        }
        SearchIndex.Page found;
        try { // the index refuses a query it will not take (empty, too long, too many words), saying why
            found = search.index().search(ConnectorSearch.SCOPE, new SearchIndex.Request(query, how.get(), Set.of(), Map.of()), skip, pageSize);
        } catch (IllegalArgumentException tooMuch) {
            return invalidRequest(request, tooMuch.getMessage() + ".");
        }
        ObjectNode answer = json.createObjectNode();
        ArrayNode results = answer.putArray("results");
        for (SearchIndex.Hit hit : found.hits()) {
            Optional<Video> video = videos.findConnectorVideo(hit.videoId());
            if (video.isEmpty()) {
                continue; // deleted since it was indexed
            }
            ObjectNode result = results.addObject().put("id", video.get().id()).put("name", video.get().originalName())
                    .put("state", video.get().indexState()).put("durationInSeconds", video.get().duration())
                    .put("thumbnailId", hit.summary().thumbnailId());
            result.set("people", json.valueToTree(hit.summary().people()));
            result.set("objects", json.valueToTree(hit.summary().objects()));
            result.set("topics", json.valueToTree(hit.summary().topics()));
            result.set("searchMatches", SearchMatches.of(hit.matches()));
        }
        answer.putObject("nextPage").put("pageSize", pageSize).put("skip", skip).put("done", skip + pageSize >= found.total())
                .put("totalCount", found.total());
        return ResponseEntity.ok(answer);
    }

    /** Captions from the transcript: format Vtt, Srt, Ttml, Txt or Csv. */
    @GetMapping("/api/Videos/{id}/Captions")
    public ResponseEntity<?> captions(@PathVariable String id, @RequestParam(defaultValue = "Vtt") String format,
            HttpServletRequest request) throws IOException {
        Optional<Video> video = videos.findConnectorVideo(id);
        if (video.isEmpty()) {
            return ResponseEntity.notFound().build();
        }
        String type = Captions.CONTENT_TYPES.get(format.toLowerCase(Locale.ROOT));
        if (type == null) {
            return invalidRequest(request, "format must be Vtt, Srt, Ttml, Txt or Csv.");
        }
        if (video.get().state() != Video.State.COMPLETED) {
            return problem(HttpStatus.FORBIDDEN, request, "Video is still being processed. Try again later.");
        }
        JsonNode index;
        try (var in = blobs.openRead(video.get().container(), VideoIndex.BLOB)) {
            index = json.readTree(in);
        }
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(type + ";charset=utf-8"))
                .body(Captions.format(Captions.cues(index), format));
    }

    @GetMapping("/api/Formats")
    public List<Map<String, String>> formats() {
        return Formats.ALL.stream().map(f -> Map.of("Extension", f.extension(), "MimeType", f.mimeType())).toList();
    }

    private String uploadUri(Video v) {
        return uploadUris.create(publicUrl.base(), v.container(), v.fileName(), v.createdAt().plus(props.uploadUriTtl()));
    }

    /** The Connector reference's 400 for a body without a usable OriginalFileName: an HTML page in Windows-1252. */
    private static ResponseEntity<String> badVideo(HttpServletRequest request) {
        String html = "<h1>Error</h1> <table> <tbody> <tr> <td><strong>Request</strong> </td> <td>"
                + escape(request.getRequestURL().toString()) + "</td> </tr> <tr> <td><strong>Error</strong></td> "
                + "<td>BadRequest</td> </tr> <tr> <td><strong>Message</strong></td> <td>" + BAD_VIDEO_MESSAGE
                + "</td> </tr> </tbody> </table>";
        return ResponseEntity.badRequest()
                .contentType(new MediaType(MediaType.TEXT_HTML, Charset.forName("windows-1252")))
                .body(html);
    }

    /** The Connector reference's JSON 400: {"status":0,"source":<request URL>,"message":...}. */
    static ResponseEntity<Map<String, Object>> invalidRequest(HttpServletRequest request, String message) {
        return problem(HttpStatus.BAD_REQUEST, request, message);
    }

    /** The Connector reference's JSON error body, with another status. */
    static ResponseEntity<Map<String, Object>> problem(HttpStatus status, HttpServletRequest request, String message) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON)
                .body(orderedMap("status", 0, "source", request.getRequestURL().toString(), "message", message));
    }

    private JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            JsonNode node = json.readTree(body);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static boolean isEmptyOr(String value, String allowed) {
        return value == null || value.isBlank() || value.equalsIgnoreCase(allowed);
    }

    private static String randomKey(int bytes) {
        byte[] key = new byte[bytes];
        RANDOM.nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static Map<String, Object> orderedMap(Object... kv) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            map.put((String) kv[i], kv[i + 1]);
        }
        return map;
    }
}
