package io.mediaroutes.pipeline;

import com.azure.storage.queue.QueueClient;
import com.azure.storage.queue.QueueServiceClient;
import com.azure.storage.queue.models.QueueStorageException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mediaroutes.pipeline.config.BlobDropProperties;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The blob drop by events (mediaroutes.blob-drop.discover-by=events): reads the Event Grid {@code
 * Microsoft.Storage.BlobCreated} events that an Event Grid subscription delivers to a Storage Queue, in the Event Grid
 * schema or as CloudEvents, as JSON or Base64 JSON, one event or an array of one. A message this can't read goes
 * aside to {@code <queue>-poison}, with the reason.
 */
@Component("blobEvents")
public class BlobEvents {

    private static final Pattern SUBJECT = Pattern.compile("^/blobServices/default/containers/([^/]+)/blobs/(.+)$");

    private final ObjectMapper json;
    private final BlobDropProperties drop;
    private final ObjectProvider<QueueServiceClient> queues;

    public BlobEvents(ObjectMapper json, BlobDropProperties drop, ObjectProvider<QueueServiceClient> queues) {
        this.json = json;
        this.drop = drop;
        this.queues = queues;
    }

    /**
     * The new blob a message names, as the listing gives it ({@code key}, {@code name}, {@code path}, {@code size}), or
     * null when the event is none of the drop's business (another type, another container, the processed or error
     * prefix).
     *
     * @throws IllegalArgumentException the message is no event, saying why
     */
    public Map<String, Object> blob(String message) {
        JsonNode event = event(message);
        String type = event.has("eventType") ? event.path("eventType").asText() : event.path("type").asText();
        if (type.isEmpty()) {
            throw new IllegalArgumentException("The message is no Event Grid event or CloudEvent (neither eventType nor type)");
        }
        if (!type.equals("Microsoft.Storage.BlobCreated")) {
            return null;
        }
        Matcher subject = SUBJECT.matcher(event.path("subject").asText());
        JsonNode data = event.path("data");
        if (!subject.matches() || !data.path("contentLength").canConvertToLong() || data.path("eTag").asText().isEmpty()) {
            throw new IllegalArgumentException("The BlobCreated event lacks a blob subject, data.contentLength or data.eTag");
        }
        String container = subject.group(1);
        String name = subject.group(2);
        if (!container.equals(drop.container()) || name.startsWith(drop.processedPrefix()) || name.startsWith(drop.errorPrefix())) {
            return null;
        }
        Map<String, Object> blob = new LinkedHashMap<>();
        // the listing's key (its ETag comes without the quotes the event's has), so both ways take a blob once
        blob.put("key", container + "|" + name + "|" + data.path("eTag").asText().replace("\"", ""));
        blob.put("name", name.substring(name.lastIndexOf('/') + 1));
        blob.put("path", BlobDrop.SCHEME + container + "/" + name);
        blob.put("size", data.path("contentLength").asLong());
        return blob;
    }

    private JsonNode event(String message) {
        String text = message.strip();
        if (!text.startsWith("{") && !text.startsWith("[")) {
            try {
                text = new String(Base64.getDecoder().decode(text), StandardCharsets.UTF_8).strip();
            } catch (IllegalArgumentException notBase64) {
                throw new IllegalArgumentException("The message is neither JSON nor Base64");
            }
        }
        try {
            JsonNode event = json.readTree(text);
            if (event.isArray() && event.size() == 1) {
                event = event.get(0);
            }
            if (!event.isObject()) {
                throw new IllegalArgumentException("The message holds no single event");
            }
            return event;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("The message is not JSON: " + e.getOriginalMessage());
        }
    }

    /** Puts a message aside in {@code <queue>-poison} as {"reason", "dequeueCount", "message"}, for an operator. */
    public void setAside(String message, String reason, Long dequeueCount) throws Exception {
        Map<String, Object> poison = new LinkedHashMap<>();
        poison.put("reason", reason);
        poison.put("dequeueCount", dequeueCount);
        poison.put("message", message);
        QueueClient queue = queues.getObject().getQueueClient(drop.eventQueue() + "-poison");
        String text = json.writeValueAsString(poison);
        try {
            queue.sendMessage(text); // an identity with Storage Queue Data Message Sender on an existing queue needs no more
        } catch (QueueStorageException e) {
            if (e.getStatusCode() != 404) {
                throw e;
            }
            queue.createIfNotExists(); // the first message set aside makes the queue, where the identity may
            queue.sendMessage(text);
        }
    }
}
