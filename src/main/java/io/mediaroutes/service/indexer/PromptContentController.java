package io.mediaroutes.service.indexer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mediaroutes.insights.PromptContent;
import io.mediaroutes.service.Video;
import io.mediaroutes.storage.BlobStore;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Locale;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Create Prompt Content and Get Prompt Content ({@code /Videos/{videoId}/PromptContent}): POST asks for it (202),
 * GET answers it in the shape of Microsoft's published example ({@link PromptContent}), in the style POST asked for
 * (kept beside the video) and from the video's current index, so it follows a ReIndex.
 */
@RestController
public class PromptContentController {

    private static final String PATH = "/{location}/Accounts/{accountId}/Videos/{videoId}/PromptContent";
    private static final String BLOB = "prompt-content.json";
    private static final Pattern MODEL_NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final IndexerVideos indexerVideos;
    private final IndexerViews views;
    private final BlobStore blobs;
    private final ObjectMapper json;
    private final PromptContentProperties props;

    PromptContentController(IndexerVideos indexerVideos, IndexerViews views, BlobStore blobs, ObjectMapper json,
            PromptContentProperties props) {
        this.indexerVideos = indexerVideos;
        this.views = views;
        this.blobs = blobs;
        this.json = json;
        this.props = props;
    }

    /** {@code promptStyle}: Full (default) or Summarized; {@code modelName} (the model it is meant for) is checked, not used. */
    @IndexerAccess.Write
    @PostMapping(PATH)
    public ResponseEntity<Void> create(@PathVariable String videoId, @RequestParam(defaultValue = "Full") String promptStyle,
            @RequestParam(required = false) String modelName, HttpServletRequest request) throws IOException {
        Video video = processed(videoId);
        PromptContent.Style style = style(promptStyle);
        if (modelName != null && !MODEL_NAME.matcher(modelName).matches()) {
            throw IndexerError.invalidInput("modelName must be 1 to 64 letters, digits, dots, dashes or underscores.");
        }
        ObjectNode asked = json.createObjectNode().put("promptStyle", style.name());
        blobs.putBlob(video.container(), BLOB, new ByteArrayInputStream(json.writeValueAsBytes(asked)));
        return ResponseEntity.status(HttpStatus.ACCEPTED).location(URI.create(request.getRequestURI())).build();
    }

    @IndexerAccess.Read
    @GetMapping(PATH)
    public ObjectNode get(@PathVariable String videoId) throws IOException {
        Video video = processed(videoId);
        if (blobs.properties(video.container(), BLOB).isEmpty()) {
            throw new IndexerError(HttpStatus.NOT_FOUND, "PROMPT_CONTENT_NOT_FOUND",
                    "Video " + videoId + " has no prompt content yet: create it with POST first.");
        }
        JsonNode asked;
        try (InputStream in = blobs.openRead(video.container(), BLOB)) {
            asked = json.readTree(in);
        }
        IndexerVideos.Fields fields = indexerVideos.find(videoId).orElseThrow(() -> IndexerError.videoNotFound(videoId));
        return PromptContent.of(views.index(video, fields, false), fields.partition(), props.sectionTokens(),
                PromptContent.Style.valueOf(asked.path("promptStyle").asText()));
    }

    /** A processed video of this API; else VIDEO_NOT_FOUND, or a 409 while it is being indexed. */
    private Video processed(String videoId) {
        Video video = indexerVideos.video(videoId).orElseThrow(() -> IndexerError.videoNotFound(videoId));
        if (video.state() != Video.State.COMPLETED) {
            throw new IndexerError(HttpStatus.CONFLICT, "VIDEO_INDEXING_IN_PROGRESS", "Video " + videoId + " is not indexed yet.");
        }
        return video;
    }

    private static PromptContent.Style style(String promptStyle) {
        return switch (promptStyle.toLowerCase(Locale.ROOT)) {
            case "full" -> PromptContent.Style.FULL;
            case "summarized" -> PromptContent.Style.SUMMARIZED;
            default -> throw IndexerError.invalidInput("promptStyle must be Full or Summarized.");
        };
    }
}
