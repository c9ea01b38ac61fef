package io.mediaroutes.pipeline;

/**
 * Video Indexer can't be reached with this app's identity: Entra ID gave no token, or ARM refused one (a missing role,
 * a wrong account id). Not the drop's fault: the drop waits and is tried again (routes/errors.camel.yaml).
 */
public class IndexerAccessException extends RuntimeException {

    public IndexerAccessException(String message, Throwable cause) {
        super(message, cause);
    }
}
