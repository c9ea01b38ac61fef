package io.mediaroutes.insights;

import io.mediaroutes.media.Ffmpeg;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Footage made the way real footage goes wrong for a colour histogram, each with its true shot boundaries: a cut to
 * another angle with the same colours (a mirrored picture), flashes, fades through black, camera motion, and plain
 * cuts and dissolves. Shared by ShotKindsTest and bench/quality.
 */
public final class ShotCases {

    public record Case(String kind, List<String> ffmpegInput, List<Double> truth) {

        /** Makes the clip (H.264, 320x240) and returns its path. */
        public Path make(Path dir) throws IOException {
            Path video = dir.resolve(kind.replace(' ', '-') + ".mp4");
            List<String> args = new ArrayList<>(ffmpegInput);
            args.addAll(List.of("-c:v", "libopenh264", "-y", video.toString()));
            Ffmpeg.Result made = Ffmpeg.ffmpeg(args, Duration.ofMinutes(2));
            if (!made.ok()) {
                throw new IOException("ffmpeg could not make the " + kind + " case: " + made.reason());
            }
            return video;
        }
    }

    private ShotCases() {}

    public static List<Case> all() {
        String t = "testsrc2=s=320x240:r=25:d=4";
        return List.of(
                new Case("same colours", List.of("-f", "lavfi", "-i", t, "-f", "lavfi", "-i", t, "-f", "lavfi", "-i", t, "-f", "lavfi",
                        "-i", t, "-filter_complex", "[1]hflip[b];[3]hflip[d];[0][b][2][d]concat=n=4:v=1[v]", "-map", "[v]"),
                        List.of(4.0, 8.0, 12.0)),
                new Case("flash", List.of("-f", "lavfi", "-i", "testsrc2=s=320x240:r=25:d=16", "-vf",
                        "drawbox=c=white:t=fill:enable='between(t,3,3.2)+between(t,7,7.1)+between(t,11,11.3)'"), List.of()),
                new Case("fade through black", List.of("-f", "lavfi", "-i", "smptebars=s=320x240:r=25:d=4", "-f", "lavfi", "-i",
                        "mandelbrot=s=320x240:r=25", "-f", "lavfi", "-i", "testsrc=s=320x240:r=25:d=4", "-filter_complex",
                        "[0]fade=out:st=3:d=1[a];[1]trim=duration=4,setpts=PTS-STARTPTS,fade=in:st=0:d=1,fade=out:st=3:d=1[b];"
                                + "[2]fade=in:st=0:d=1[c];[a][b][c]concat=n=3:v=1[v]", "-map", "[v]"), List.of(4.0, 8.0)),
                new Case("camera motion", List.of("-f", "lavfi", "-i", "testsrc2=s=640x480:r=25:d=12", "-vf",
                        "zoompan=z='1+0.004*on':x='iw/2-(iw/zoom/2)':y='ih/2-(ih/zoom/2)':d=1:s=320x240:fps=25"), List.of()),
                new Case("cut and dissolve", List.of("-f", "lavfi", "-i", "smptebars=s=320x240:r=25:d=4", "-f", "lavfi", "-i",
                        "rgbtestsrc=s=320x240:r=25:d=4", "-f", "lavfi", "-i", "testsrc=s=320x240:r=25:d=4", "-filter_complex",
                        "[0][1]xfade=transition=fade:duration=1:offset=3[x];[x][2]concat=n=2:v=1[v]", "-map", "[v]"), List.of(3.5, 7.0)));
    }

    /** Our boundaries for a clip: the analyzer's own signal pass and detector. */
    public static List<Double> detect(Path video, Path work) throws IOException {
        Signals signals = Signals.measure(video, false, 60, work, null, null, Duration.ofMinutes(2));
        return ShotDetector.DEFAULT.boundaries(signals.histograms(), signals.frames(), Signals.FPS);
    }
}
