package io.mediaroutes.media;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The ffmpeg command lines of processing, as argument lists (no shell). One decode feeds every rendition and
 * the thumbnails; packaging then only remuxes (-c copy). Key frames every {@value #SEGMENT_SECONDS} s line up
 * across renditions, so HLS and DASH segments are ~4 s and switchable.
 */
public final class Encoder {

    public static final int SEGMENT_SECONDS = 4;
    public static final int AUDIO_KBPS = 128;

    private Encoder() {}

    /**
     * Encodes the input to one H.264/AAC mp4 per rung ({@code <dir>/<rung>.mp4}) and writes thumbnails
     * ({@code <dir>/thumb-NN.jpg}, 240 lines high) every {@code thumbnailEvery} seconds, in one ffmpeg run.
     */
    public static List<String> encode(Path input, MediaProbe.Info info, List<Ladder.Rung> rungs, double thumbnailEvery, Path dir) {
        StringBuilder graph = new StringBuilder("[0:v]split=").append(rungs.size() + 1);
        for (int i = 0; i <= rungs.size(); i++) {
            graph.append("[s").append(i).append(']');
        }
        for (int i = 0; i < rungs.size(); i++) {
            Ladder.Rung rung = rungs.get(i);
            graph.append(";[s").append(i).append("]scale=").append(rung.width(info.width(), info.height())).append(':')
                    .append(rung.height()).append(",format=yuv420p[v").append(i).append(']');
        }
        graph.append(";[s").append(rungs.size()).append("]fps=1/").append(String.format(Locale.ROOT, "%.3f", thumbnailEvery))
                .append(",scale=-2:240[thumbs]");

        List<String> args = new ArrayList<>(List.of("-i", input.toString(), "-filter_complex", graph.toString()));
        for (int i = 0; i < rungs.size(); i++) {
            Ladder.Rung rung = rungs.get(i);
            args.addAll(List.of("-map", "[v" + i + "]", "-map", "0:a:0?",
                    "-c:v", "libopenh264", "-b:v", rung.videoKbps() + "k", "-maxrate", rung.videoKbps() * 3 / 2 + "k",
                    "-force_key_frames", "expr:gte(t,n_forced*" + SEGMENT_SECONDS + ")",
                    "-c:a", "aac", "-b:a", AUDIO_KBPS + "k", "-ac", "2", "-ar", "48000",
                    "-movflags", "+faststart", dir.resolve(rung.name() + ".mp4").toString()));
        }
        args.addAll(List.of("-map", "[thumbs]", "-q:v", "4", dir.resolve("thumb-%02d.jpg").toString()));
        return args;
    }

    /** A poster: one frame at {@code at} seconds, at most 720 lines high. */
    public static List<String> poster(Path input, double at, int sourceHeight, Path jpeg) {
        int height = Math.min(720, sourceHeight) / 2 * 2;
        return List.of("-ss", String.format(Locale.ROOT, "%.3f", at), "-i", input.toString(), "-frames:v", "1",
                "-vf", "scale=-2:" + height, "-q:v", "3", jpeg.toString());
    }

    /**
     * HLS: one media playlist per rendition ({@code <dir>/<n>/index.m3u8}, MPEG-TS segments, which AES-128
     * needs) and a master playlist {@code <dir>/master.m3u8}. With a key info file the segments are encrypted.
     */
    public static List<String> hls(List<Path> renditions, List<String> names, boolean withAudio, Path keyInfo, Path dir) {
        List<String> args = inputs(renditions);
        StringBuilder streamMap = new StringBuilder();
        for (int i = 0; i < renditions.size(); i++) {
            args.addAll(List.of("-map", i + ":v:0"));
            if (withAudio) {
                args.addAll(List.of("-map", i + ":a:0"));
            }
            streamMap.append(i == 0 ? "" : " ").append("v:").append(i).append(withAudio ? ",a:" + i : "").append(",name:").append(names.get(i));
        }
        args.addAll(List.of("-c", "copy", "-f", "hls", "-hls_time", Integer.toString(SEGMENT_SECONDS),
                "-hls_playlist_type", "vod", "-hls_segment_type", "mpegts",
                "-hls_segment_filename", dir.resolve("%v/segment-%03d.ts").toString(),
                "-master_pl_name", "master.m3u8", "-var_stream_map", streamMap.toString()));
        if (keyInfo != null) {
            args.addAll(List.of("-hls_key_info_file", keyInfo.toString()));
        }
        args.add(dir.resolve("%v/index.m3u8").toString());
        return args;
    }

    /** DASH: {@code <dir>/manifest.mpd}, one video adaptation set with every rendition, one audio set. */
    public static List<String> dash(List<Path> renditions, boolean withAudio, Path dir) {
        List<String> args = inputs(renditions);
        for (int i = 0; i < renditions.size(); i++) {
            args.addAll(List.of("-map", i + ":v:0"));
        }
        if (withAudio) {
            args.addAll(List.of("-map", "0:a:0"));
        }
        args.addAll(List.of("-c", "copy", "-f", "dash", "-seg_duration", Integer.toString(SEGMENT_SECONDS),
                "-use_template", "1", "-use_timeline", "1",
                "-adaptation_sets", withAudio ? "id=0,streams=v id=1,streams=a" : "id=0,streams=v",
                dir.resolve("manifest.mpd").toString()));
        return args;
    }

    private static List<String> inputs(List<Path> renditions) {
        List<String> args = new ArrayList<>();
        for (Path rendition : renditions) {
            args.addAll(List.of("-i", rendition.toString()));
        }
        return args;
    }
}
