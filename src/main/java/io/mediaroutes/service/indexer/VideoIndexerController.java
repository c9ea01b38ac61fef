package io.mediaroutes.service.indexer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mediaroutes.insights.Captions;
import io.mediaroutes.service.ByteLimit;
import io.mediaroutes.service.OutboundHttp;
import io.mediaroutes.security.PublicUrl;
import io.mediaroutes.service.Formats;
import io.mediaroutes.service.ProcessingQueue;
import io.mediaroutes.service.ServiceProperties;
import io.mediaroutes.service.Video;
import io.mediaroutes.service.VideoRepository;
import io.mediaroutes.service.search.SearchIndex;
import io.mediaroutes.service.search.SearchMatches;
import io.mediaroutes.service.search.SearchSync;
import io.mediaroutes.storage.BlobStore;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;
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
 * The Video Indexer API (its API reference), rooted at the app's root so a client's apiUrl is just http://host:port:
 * access tokens with the subscription key, upload by URL or bytes, Index, List, Search, GetIdByExternalId,
 * Captions, Thumbnails, Delete, ReIndex and the widgets. Who may call what is {@link IndexerAccess}; errors are
 * {@link IndexerError}s, written in the real service's shape by {@link IndexerErrors}.
 */
@RestController
public class VideoIndexerController {

    private static final String KEY_HEADER = "Ocp-Apim-Subscription-Key";
    private static final String ACCOUNT = "/{location}/Accounts/{accountId}";
    private static final String VIDEO = ACCOUNT + "/Videos/{videoId}";
    private static final Set<String> INDEXING_PRESETS = Set.of("Default", "AudioOnly", "VideoOnly", "BasicAudio", "BasicVideo",
            "Advanced", "AdvancedAudio", "AdvancedVideo");
    private static final Set<String> STREAMING_PRESETS = Set.of("Default", "SingleBitrate", "NoStreaming");

    private final IndexerAccount account;
    private final AccessTokens tokens;
    private final VideoRepository videos;
    private final IndexerVideos indexerVideos;
    private final IndexerViews views;
    private final BlobStore blobs;
    private final ObjectMapper json;
    private final OutboundHttp outbound;
    private final VideoFetcher fetcher;
    private final PublicUrl publicUrl;
    private final ServiceProperties props;
    private final ProcessingQueue queue;
    private final SearchSync search;

    public VideoIndexerController(IndexerAccount account, AccessTokens tokens, VideoRepository videos, IndexerVideos indexerVideos,
            IndexerViews views, BlobStore blobs, ObjectMapper json, OutboundHttp outbound, VideoFetcher fetcher,
            PublicUrl publicUrl, ServiceProperties props, ProcessingQueue queue, SearchSync search) {
        this.search = search;
        this.account = account;
        this.tokens = tokens;
        this.videos = videos;
        this.indexerVideos = indexerVideos;
        this.views = views;
        this.blobs = blobs;
        this.json = json;
        this.outbound = outbound;
        this.fetcher = fetcher;
        this.publicUrl = publicUrl;
        this.props = props;
        this.queue = queue;
    }

    @GetMapping({"/auth" + ACCOUNT + "/AccessToken", "/auth" + VIDEO + "/AccessToken"})
    public ResponseEntity<String> accessToken(@PathVariable String location, @PathVariable String accountId,
            @PathVariable(required = false) String videoId, @RequestParam(defaultValue = "false") boolean allowEdit,
            @RequestHeader(name = KEY_HEADER, required = false) String key) {
        requireKey(key);
        if (!account.matches(location, accountId)) {
            throw new IndexerError(HttpStatus.NOT_FOUND, "ACCOUNT_NOT_FOUND", "Account " + accountId + " in " + location + " does not exist.");
        }
        if (videoId != null) {
            video(videoId);
        }
        return jsonString(tokens.issue(account.accountId(), videoId, allowEdit));
    }

    @GetMapping("/auth/{location}/Users/Me/AccessToken")
    public ResponseEntity<String> userToken(@RequestParam(defaultValue = "false") boolean allowEdit,
            @RequestHeader(name = KEY_HEADER, required = false) String key) {
        requireKey(key);
        return jsonString(tokens.issue(account.accountId(), null, allowEdit));
    }

    /**
     * Upload Video: by {@code videoUrl} (fetched after this answers) or by the bytes of a multipart body, in any
     * framing (the Video Indexer API reference's C# sample client sends an empty multipart body with videoUrl, or one
     * nameless part).
     */
    /** An upload's language: a BCP 47 code (en-US, zh-Hans), or auto (detected from what is said or read). */
    private static final Pattern LANGUAGE = Pattern.compile("auto|[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,2}");

    @IndexerAccess.Write
    @PostMapping(ACCOUNT + "/Videos")
    public ObjectNode upload(HttpServletRequest request, @RequestParam(required = false) String name,
            @RequestParam(required = false) String description, @RequestParam(defaultValue = "Private") String privacy,
            @RequestParam(required = false) String partition, @RequestParam(required = false) String externalId,
            @RequestParam(required = false) String callbackUrl, @RequestParam(required = false) String metadata,
            @RequestParam(defaultValue = "en-US") String language, @RequestParam(required = false) String videoUrl,
            @RequestParam(defaultValue = "Default") String indexingPreset,
            @RequestParam(defaultValue = "Default") String streamingPreset) throws IOException {
        if (name == null || name.isBlank() || name.length() > 80) {
            throw IndexerError.invalidInput("name is required and may have at most 80 characters.");
        }
        String privacyMode = oneOf("privacy", privacy, Set.of("Private", "Public"));
        if (!LANGUAGE.matcher(language).matches()) {
            throw IndexerError.invalidInput("language must be a language code such as en-US or fr-FR, or auto to detect it.");
        }
        String indexing = oneOf("indexingPreset", indexingPreset, INDEXING_PRESETS);
        String streaming = oneOf("streamingPreset", streamingPreset, STREAMING_PRESETS);
        URI source = videoUrl == null ? null : httpUrl(videoUrl, "videoUrl must be an absolute http or https URL.");
        if (callbackUrl != null && !callbackUrl.isBlank() && !outbound.mayCall(
                httpUrl(callbackUrl, "callbackUrl must be an absolute http or https URL."))) {
            throw IndexerError.invalidInput("callbackUrl must be an absolute http or https URL of a host this service may call.");
        }
        Optional<MultipartVideo.Part> file = Optional.empty();
        if (source == null && MultipartVideo.isMultipart(request.getContentType())) {
            file = MultipartVideo.first(ByteLimit.of(request.getInputStream(), props.maxUploadSize().toBytes()), request.getContentType());
        }
        if (source == null && file.isEmpty()) {
            throw IndexerError.invalidInput("Give videoUrl, or the video's bytes as multipart/form-data.");
        }
        String ext = Formats.supportedExtension(file.isPresent() ? file.get().fileName() : source.getPath()).orElse("mp4");
        Instant now = Instant.now();
        Video video = new Video(IndexerVideos.newId(), name, UUID.randomUUID() + "." + ext, "None", null, null, null, null, null, 0,
                Video.State.CREATED, 0, null, now, now);
        IndexerVideos.Fields fields = new IndexerVideos.Fields(description, externalId, callbackUrl, metadata, partition,
                privacyMode, language, indexing, streaming);
        videos.insert(video);
        indexerVideos.insert(video.id(), fields);
        if (source != null) {
            fetcher.fetchLater(video, source); // answered now, Uploaded; Processing or Failed once fetched
        } else {
            try (InputStream in = file.get().content()) {
                blobs.putBlob(video.container(), video.fileName(), in);
            } catch (ByteLimit.Exceeded e) {
                queue.failed(video.id(), "The video is larger than " + props.maxUploadSize() + ".");
                throw new IndexerError(HttpStatus.PAYLOAD_TOO_LARGE, "INVALID_INPUT", "The video is larger than " + props.maxUploadSize() + ".");
            }
            videos.transition(video.id(), Video.State.CREATED, Video.State.QUEUED);
            queue.claim(); // processing starts now, not at the queue's next look
            video = videos.find(video.id()).orElseThrow();
        }
        return views.summary(video, fields, views.index(video, fields, true), null);
    }

    @IndexerAccess.Read
    @GetMapping(VIDEO + "/Index")
    public ObjectNode index(@PathVariable String videoId, HttpServletRequest request) throws IOException {
        Video video = video(videoId);
        return views.index(video, fields(videoId), grant(request).canWrite());
    }

    /** List Videos, newest first, a page at a time. */
    @IndexerAccess.Read
    @GetMapping(ACCOUNT + "/Videos")
    public ObjectNode list(@RequestParam(defaultValue = "25") int pageSize, @RequestParam(defaultValue = "0") int skip)
            throws IOException {
        if (pageSize < 1 || pageSize > 1000 || skip < 0) {
            throw IndexerError.invalidInput("pageSize must be 1 to 1000 and skip at least 0.");
        }
        List<String> ids = indexerVideos.ids();
        ArrayNode results = json.createArrayNode();
        for (String id : ids.subList(Math.min(skip, ids.size()), Math.min(skip + pageSize, ids.size()))) {
            Optional<Video> video = videos.find(id);
            if (video.isPresent()) {
                IndexerVideos.Fields fields = fields(id);
                results.add(views.summary(video.get(), fields, views.index(video.get(), fields, false), null));
            }
        }
        return page(results, pageSize, skip, ids.size());
    }

    /** Search's textScope values and the kinds of match each covers. */
    private static final Map<String, Set<String>> TEXT_SCOPES = Map.of("Transcript", Set.of("Transcript"), "Ocr", Set.of("Ocr"),
            "Keywords", Set.of("Keyword"), "Topics", Set.of("Topic"), "Annotations", Set.of("Label"), "Brands", Set.of("Brand"),
            "NamedEntities", Set.of("NamedPerson", "NamedLocation", "Brand"));

    /**
     * Search, from the search index: {@code query} in the insights (every word, the phrase first), {@code textScope}
     * narrowing where, {@code face} a person's name, filters ({@code id}, {@code externalId}, {@code partition},
     * {@code sourceLanguage}) that must all hold; {@code mode=hybrid} (our extension) finds moments by meaning too.
     * {@code language} (the language to answer in) is accepted and not used: answers are in the video's language. No
     * animated characters are detected here, so {@code animatedCharacter} finds none.
     */
    @IndexerAccess.Read
    @GetMapping(ACCOUNT + "/Videos/Search")
    public ObjectNode search(@RequestParam(required = false) String id, @RequestParam(required = false) String query,
            @RequestParam(required = false) String externalId, @RequestParam(required = false) String partition,
            @RequestParam(required = false) String sourceLanguage, @RequestParam(required = false) List<String> textScope,
            @RequestParam(required = false) String face, @RequestParam(required = false) String animatedCharacter,
            @RequestParam(required = false) String language, @RequestParam(defaultValue = "words") String mode,
            @RequestParam(defaultValue = "25") int pageSize, @RequestParam(defaultValue = "0") int skip) throws IOException {
        if (pageSize < 1 || pageSize > 1000 || skip < 0) {
            throw IndexerError.invalidInput("pageSize must be 1 to 1000 and skip at least 0.");
        }
        SearchIndex.Mode how = SearchIndex.Mode.named(mode).orElseThrow(() -> IndexerError.invalidInput("mode must be words or hybrid."));
        Set<String> types = new HashSet<>();
        for (String scope : textScope == null ? List.<String>of() : textScope) {
            types.addAll(TEXT_SCOPES.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(scope.strip())).findFirst()
                    .orElseThrow(() -> IndexerError.invalidInput("textScope must be among " + String.join(", ", new TreeSet<>(TEXT_SCOPES.keySet()))
                            + ".")).getValue());
        }
        Map<String, String> filters = new HashMap<>(); // the filters given, and only those
        filters.put("id", id);
        filters.put("externalId", externalId);
        filters.put("partition", partition);
        filters.put("sourceLanguage", sourceLanguage);
        filters.values().removeIf(v -> v == null || v.isEmpty());
        if (animatedCharacter != null && !animatedCharacter.isBlank()) {
            return page(json.createArrayNode(), pageSize, skip, 0);
        }
        SearchIndex.Page found;
        try {
            Set<String> withFace = null; // the videos where a person of that name is seen: the query is looked for in those
            if (face != null && !face.isBlank()) {
                withFace = new HashSet<>();
                for (SearchIndex.Hit hit : search.index().search(IndexerSearch.SCOPE,
                        new SearchIndex.Request(face, SearchIndex.Mode.WORDS, Set.of("Face"), filters), 0, Integer.MAX_VALUE).hits()) {
                    withFace.add(hit.videoId());
                }
            }
            found = search.index().search(IndexerSearch.SCOPE, new SearchIndex.Request(query, how, types, filters, withFace), skip, pageSize);
        } catch (IllegalArgumentException tooMuch) {
            throw IndexerError.invalidInput(tooMuch.getMessage() + ".");
        }
        ArrayNode results = json.createArrayNode();
        for (SearchIndex.Hit hit : found.hits()) {
            Optional<Video> video = videos.find(hit.videoId());
            Optional<IndexerVideos.Fields> fields = indexerVideos.find(hit.videoId());
            if (video.isPresent() && fields.isPresent()) { // else deleted since it was indexed
                results.add(views.summary(video.get(), fields.get(), views.index(video.get(), fields.get(), false),
                        query == null ? json.createArrayNode() : SearchMatches.of(hit.matches())));
            }
        }
        return page(results, pageSize, skip, found.total());
    }

    @IndexerAccess.Read
    @GetMapping(ACCOUNT + "/Videos/GetIdByExternalId")
    public ResponseEntity<String> idByExternalId(@RequestParam String externalId) {
        return jsonString(indexerVideos.idByExternalId(externalId).orElseThrow(() -> new IndexerError(HttpStatus.NOT_FOUND,
                "VIDEO_NOT_FOUND", "No video has the external id " + externalId + ".")));
    }

    @IndexerAccess.Read
    @GetMapping(VIDEO + "/Captions")
    public ResponseEntity<String> captions(@PathVariable String videoId, @RequestParam(defaultValue = "Vtt") String format)
            throws IOException {
        String type = Captions.CONTENT_TYPES.get(format.toLowerCase(Locale.ROOT));
        if (type == null) {
            throw IndexerError.invalidInput("format must be Vtt, Srt, Ttml, Txt or Csv.");
        }
        Video video = video(videoId);
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(type + ";charset=utf-8"))
                .body(Captions.format(Captions.cues(views.index(video, fields(videoId), false)), format));
    }

    /** A key frame's thumbnail: JPEG bytes, or with {@code format=Base64} the same as a base64 JSON string. */
    @IndexerAccess.Read
    @GetMapping(VIDEO + "/Thumbnails/{thumbnailId}")
    public ResponseEntity<?> thumbnail(@PathVariable String videoId, @PathVariable String thumbnailId,
            @RequestParam(defaultValue = "Jpeg") String format) throws IOException {
        Video video = video(videoId);
        String blob = "thumbnails/" + thumbnailId + ".jpg";
        if (!thumbnailId.matches("[0-9a-f-]{36}") || blobs.properties(video.container(), blob).isEmpty()) {
            throw new IndexerError(HttpStatus.NOT_FOUND, "THUMBNAIL_NOT_FOUND", "Thumbnail " + thumbnailId + " does not exist.");
        }
        String wanted = oneOf("format", format, Set.of("Jpeg", "Base64"));
        byte[] jpeg;
        try (InputStream in = blobs.openRead(video.container(), blob)) {
            jpeg = in.readAllBytes(); // a thumbnail: tens of kilobytes
        }
        return wanted.equals("Base64") ? jsonString(Base64.getEncoder().encodeToString(jpeg))
                : ResponseEntity.ok().contentType(MediaType.IMAGE_JPEG).body(jpeg);
    }

    @IndexerAccess.Write
    @DeleteMapping(VIDEO)
    public ResponseEntity<Void> delete(@PathVariable String videoId) throws IOException {
        Optional<Video> video = indexerVideos.video(videoId);
        if (video.isPresent()) {
            videos.delete(videoId);
            indexerVideos.delete(videoId);
            search.deleted(videoId);
            blobs.deleteContainer(video.get().container());
        }
        return ResponseEntity.noContent().build();
    }

    @IndexerAccess.Write
    @PutMapping(VIDEO + "/ReIndex")
    public ResponseEntity<Void> reIndex(@PathVariable String videoId) {
        video(videoId);
        if (!videos.transition(videoId, Video.State.COMPLETED, Video.State.QUEUED)
                && !videos.transition(videoId, Video.State.FAILED, Video.State.QUEUED)) {
            throw new IndexerError(HttpStatus.CONFLICT, "VIDEO_INDEXING_IN_PROGRESS", "Video " + videoId + " is being indexed.");
        }
        queue.claim();
        return ResponseEntity.noContent().build();
    }

    /** Insights widget: a 301 whose Location is the page, as Video Indexer answers. */
    @IndexerAccess.Read
    @GetMapping(VIDEO + "/InsightsWidget")
    public ResponseEntity<Void> insightsWidget(@PathVariable String location, @PathVariable String accountId,
            @PathVariable String videoId, @RequestParam(defaultValue = "") String widgetType, HttpServletRequest request) {
        return widget(location, accountId, videoId, "insights.html", "&widgetType=" + encode(widgetType), request);
    }

    /** Player widget: a 301 whose Location is the page. */
    @IndexerAccess.Read
    @GetMapping(VIDEO + "/PlayerWidget")
    public ResponseEntity<Void> playerWidget(@PathVariable String location, @PathVariable String accountId,
            @PathVariable String videoId, HttpServletRequest request) {
        return widget(location, accountId, videoId, "player.html", "", request);
    }

    private ResponseEntity<Void> widget(String location, String accountId, String videoId, String page, String extra,
            HttpServletRequest request) {
        video(videoId);
        String token = IndexerAccess.token(request);
        String url = publicUrl.base() + "/widgets/" + page + "?location=" + encode(location) + "&accountId=" + encode(accountId)
                + "&videoId=" + encode(videoId) + "&accessToken=" + encode(token == null ? "" : token) + extra;
        return ResponseEntity.status(HttpStatus.MOVED_PERMANENTLY).location(URI.create(url)).build();
    }

    /** A video of this API (not one of the Connector API's), or VIDEO_NOT_FOUND. */
    private Video video(String videoId) {
        return indexerVideos.video(videoId).orElseThrow(() -> IndexerError.videoNotFound(videoId));
    }

    private IndexerVideos.Fields fields(String videoId) {
        return indexerVideos.find(videoId).orElseThrow(() -> IndexerError.videoNotFound(videoId));
    }

    private static AccessTokens.Grant grant(HttpServletRequest request) {
        return (AccessTokens.Grant) request.getAttribute(IndexerAccess.GRANT);
    }

    private void requireKey(String key) {
        if (!account.keyMatches(key)) {
            throw new IndexerError(HttpStatus.UNAUTHORIZED, "UNAUTHORIZED", "Access denied due to a missing or invalid subscription key.");
        }
    }

    private ObjectNode page(ArrayNode results, int pageSize, int skip, int total) {
        ObjectNode page = json.createObjectNode();
        page.set("results", results);
        page.putObject("nextPage").put("pageSize", pageSize).put("skip", skip).put("done", skip + pageSize >= total)
                .put("totalCount", total);
        return page;
    }

    /** The allowed value matching {@code value} in any case, in its canonical case; else INVALID_INPUT. */
    private static String oneOf(String parameter, String value, Set<String> allowed) {
        return allowed.stream().filter(a -> a.equalsIgnoreCase(value)).findFirst()
                .orElseThrow(() -> IndexerError.invalidInput(parameter + " must be one of " + String.join(", ", allowed.stream().sorted().toList()) + "."));
    }

    /** An absolute http(s) URL with a host; else INVALID_INPUT with {@code message}. */
    private static URI httpUrl(String url, String message) {
        try {
            URI uri = new URI(url);
            String scheme = String.valueOf(uri.getScheme()).toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException unreadable) {
            // as below
        }
        throw IndexerError.invalidInput(message);
    }

    private ResponseEntity<String> jsonString(String value) {
        try {
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(json.writeValueAsString(value));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
