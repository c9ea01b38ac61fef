package io.mediaroutes.service;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * GET /api/Videos/{id}/Status. Codes 1 (Processing) and 2 (Completed) and their messages are the Connector reference's;
 * 0 (Created: not yet marked complete) and 3 (Failed, with the reason) are this service's extension.
 */
@JsonPropertyOrder({"StatusCode", "Status", "Message"})
public record VideoStatus(
        @JsonProperty("StatusCode") int statusCode,
        @JsonProperty("Status") String status,
        @JsonProperty("Message") String message) {

    static VideoStatus of(Video v) {
        return switch (v.state()) {
            case CREATED -> new VideoStatus(0, "Created", "Upload the video to UploadUri, then call MarkComplete.");
            case QUEUED, PROCESSING -> new VideoStatus(1, "Processing", "Video is still being processed. Try again later.");
            case COMPLETED -> new VideoStatus(2, "Completed", "Video is ready.");
            case FAILED -> new VideoStatus(3, "Failed", v.message());
        };
    }
}
