package io.mediaroutes.service.indexer;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The one place Video Indexer API errors are written, in the real service's shape. */
@RestControllerAdvice(assignableTypes = {VideoIndexerController.class, PromptContentController.class})
class IndexerErrors {

    @ExceptionHandler(IndexerError.class)
    ResponseEntity<Map<String, Object>> answer(IndexerError e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ErrorType", e.type());
        body.put("Message", e.getMessage());
        return ResponseEntity.status(e.status()).contentType(MediaType.APPLICATION_JSON).body(body);
    }
}
