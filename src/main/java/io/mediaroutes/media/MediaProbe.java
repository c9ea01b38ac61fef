package io.mediaroutes.media;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** What ffprobe says about a file: is it a video, how long, how big. */
public final class MediaProbe {

    public record Info(double durationSeconds, int width, int height, String videoCodec, String audioCodec) {
        /** Whole seconds, as the Connector's Duration property. */
        public int wholeSeconds() {
            return (int) Math.round(durationSeconds);
        }
    }

    /** The file is not something we can index; the message says why in ffprobe's words. */
    public static class NotAVideoException extends IOException {
        public NotAVideoException(String message) {
            super(message);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private MediaProbe() {}

    public static Info probe(Path file) throws IOException {
        return probe(file.toString());
    }

    /** Probes a file path or a URL (ffprobe reads http, HLS and DASH too). */
    public static Info probe(String input) throws IOException {
        Ffmpeg.Result result = Ffmpeg.ffprobe(List.of("-v", "error", "-print_format", "json",
                "-show_format", "-show_streams", input), Duration.ofMinutes(2));
        if (!result.ok()) {
            // ffprobe names the file it read; the reason is for clients, who never see server paths
            throw new NotAVideoException("ffprobe could not read the file: " + result.reason().replace(input + ": ", ""));
        }
        JsonNode root = JSON.readTree(result.stdout());
        JsonNode video = null;
        JsonNode audio = null;
        for (JsonNode stream : root.path("streams")) {
            String type = stream.path("codec_type").asText();
            boolean attachedPicture = stream.path("disposition").path("attached_pic").asInt() == 1;
            if (video == null && "video".equals(type) && !attachedPicture) {
                video = stream;
            } else if (audio == null && "audio".equals(type)) {
                audio = stream;
            }
        }
        if (video == null) {
            throw new NotAVideoException("no video stream found (format: "
                    + root.path("format").path("format_name").asText("unknown") + ")");
        }
        String format = root.path("format").path("format_name").asText("");
        if (format.equals("image2") || format.endsWith("_pipe")) {
            throw new NotAVideoException("a still image (" + format + "), not a video");
        }
        double duration = root.path("format").path("duration").asDouble(video.path("duration").asDouble(0));
        if (duration <= 0) {
            throw new NotAVideoException("the video has no duration");
        }
        return new Info(duration, video.path("width").asInt(), video.path("height").asInt(),
                video.path("codec_name").asText(), audio == null ? null : audio.path("codec_name").asText());
    }
}
