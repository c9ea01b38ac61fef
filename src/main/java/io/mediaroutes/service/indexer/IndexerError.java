package io.mediaroutes.service.indexer;

import org.springframework.http.HttpStatus;

/**
 * An error answer of the Video Indexer API, {@code {"ErrorType": ..., "Message": ...}} with its status, thrown
 * anywhere in a request and written in one place ({@link IndexerErrors}). The types are the real service's.
 */
public class IndexerError extends RuntimeException {

    private final HttpStatus status;
    private final String type;

    public IndexerError(HttpStatus status, String type, String message) {
        super(message, null, false, false);
        this.status = status;
        this.type = type;
    }

    public HttpStatus status() {
        return status;
    }

    public String type() {
        return type;
    }

    static IndexerError invalidInput(String message) {
        return new IndexerError(HttpStatus.BAD_REQUEST, "INVALID_INPUT", message);
    }

    static IndexerError videoNotFound(String videoId) {
        return new IndexerError(HttpStatus.NOT_FOUND, "VIDEO_NOT_FOUND", "Video " + videoId + " does not exist.");
    }

    static IndexerError notAllowed(HttpStatus status, String message) {
        return new IndexerError(status, "USER_NOT_ALLOWED", message);
    }
}
