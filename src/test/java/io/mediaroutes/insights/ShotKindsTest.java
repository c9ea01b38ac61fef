package io.mediaroutes.insights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.mediaroutes.media.Ffmpeg;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Shot boundaries on footage made the way real footage goes wrong for a colour histogram (bench/quality measures
 * the same kinds at length): another angle with the same colours, a flash, a fade through black, camera motion.
 */
class ShotKindsTest {

    @TempDir
    Path dir;

    @Test
    void aCutToAMirroredPictureIsACut() throws Exception {
        assertThat(boundaries("mirrored", List.of("-f", "lavfi", "-i", "testsrc2=s=320x240:r=25:d=4", "-f", "lavfi", "-i",
                "testsrc2=s=320x240:r=25:d=4", "-filter_complex", "[1]hflip[m];[0][m]concat=n=2:v=1[v]", "-map", "[v]")))
                .singleElement().satisfies(t -> assertThat(t).isCloseTo(4.0, within(0.3)));
    }

    @Test
    void aFlashIsNoBoundary() throws Exception {
        assertThat(boundaries("flash", List.of("-f", "lavfi", "-i", "testsrc2=s=320x240:r=25:d=8", "-vf",
                "drawbox=c=white:t=fill:enable='between(t,3,3.2)'"))).isEmpty();
    }

    @Test
    void aFadeThroughBlackIsOneBoundaryAtItsDarkest() throws Exception {
        assertThat(boundaries("fade", List.of("-f", "lavfi", "-i", "smptebars=s=320x240:r=25:d=4", "-f", "lavfi", "-i",
                "mandelbrot=s=320x240:r=25", "-filter_complex",
                "[0]fade=out:st=3:d=1[a];[1]trim=duration=4,setpts=PTS-STARTPTS,fade=in:st=0:d=1[b];[a][b]concat=n=2:v=1[v]", "-map", "[v]")))
                .singleElement().satisfies(t -> assertThat(t).isCloseTo(4.0, within(0.5)));
    }

    @Test
    void cameraMotionIsNoBoundary() throws Exception {
        assertThat(boundaries("motion", List.of("-f", "lavfi", "-i", "testsrc2=s=640x480:r=25:d=8", "-vf",
                "zoompan=z='1+0.004*on':x='iw/2-(iw/zoom/2)':y='ih/2-(ih/zoom/2)':d=1:s=320x240:fps=25"))).isEmpty();
    }

    @Test
    void aDissolveAndAHardCutAreOneBoundaryEach() throws Exception {
        assertThat(boundaries("dissolve", List.of("-f", "lavfi", "-i", "smptebars=s=320x240:r=25:d=4", "-f", "lavfi", "-i",
                "rgbtestsrc=s=320x240:r=25:d=4", "-f", "lavfi", "-i", "testsrc=s=320x240:r=25:d=4", "-filter_complex",
                "[0][1]xfade=transition=fade:duration=1:offset=3[x];[x][2]concat=n=2:v=1[v]", "-map", "[v]")))
                .satisfiesExactly(t -> assertThat(t).isCloseTo(3.5, within(0.5)), t -> assertThat(t).isCloseTo(7.0, within(0.3)));
    }

    private List<Double> boundaries(String name, List<String> source) throws Exception {
        Path video = dir.resolve(name + ".mp4");
        List<String> args = new ArrayList<>(source);
        args.addAll(List.of("-c:v", "libopenh264", video.toString()));
        Ffmpeg.Result made = Ffmpeg.ffmpeg(args, Duration.ofMinutes(1));
        assertThat(made.ok()).as(made.reason()).isTrue();
        Signals signals = Signals.measure(video, false, 8, dir.resolve("work-" + name), null, Duration.ofMinutes(1));
        return ShotDetector.DEFAULT.boundaries(signals.histograms(), signals.frames(), Signals.FPS);
    }
}
