package io.mediaroutes.insights;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** An insight's time range as the index writes it: adjusted and plain start and end. */
public final class Instances {

    private Instances() {}

    public static ObjectNode add(ArrayNode instances, double start, double end) {
        return times(instances.addObject(), start, end);
    }

    /** Writes the time range into an instance that has fields before it (a source, a type). */
    public static ObjectNode times(ObjectNode instance, double start, double end) {
        return instance.put("adjustedStart", Timecode.format(start)).put("adjustedEnd", Timecode.format(end))
                .put("start", Timecode.format(start)).put("end", Timecode.format(end));
    }
}
