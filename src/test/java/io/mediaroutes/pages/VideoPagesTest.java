package io.mediaroutes.pages;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediaroutes.AppTest;
import io.mediaroutes.Await;
import io.mediaroutes.Chromium;
import io.mediaroutes.RawHttp;
import io.mediaroutes.TestVideos;
import io.mediaroutes.media.Ffmpeg;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The pages for people, in headless Chromium: the list at / shows a processed video and a failed one with its reason;
 * a search (through the Search API) lists the video with the moment its text is shown; a video's page has its shots
 * on the timeline, and a click on one seeks the player. Screenshots land in
 * target/screenshots/.
 */
class VideoPagesTest extends AppTest {

    @Test
    void theListShowsEachVideoAndAVideosTimelineSeeksThePlayer() throws Exception {
        Path shown = Files.createDirectories(home().resolve("made"));
        // two pictures, the second in negative: a cut at 3 s that the shot detector finds
        Path first = TestVideos.textImage(shown.resolve("a.png"), "FIRST SHOT BY NIKE");
        Path second = TestVideos.textImage(shown.resolve("b.png"), "SECOND SHOT");
        Path clip = shown.resolve("two-shots.mp4");
        Ffmpeg.Result made = Ffmpeg.ffmpeg(List.of("-loop", "1", "-t", "3", "-i",
                first.toString(), "-loop", "1", "-t", "3", "-i", second.toString(), "-f", "lavfi", "-i", "sine=duration=6",
                "-filter_complex", "[1]negate[b];[0][b]concat=n=2:v=1:a=0,fps=25,format=yuv420p[v]",
                "-map", "[v]", "-map", "2:a", "-c:v", "libopenh264", "-c:a", "aac", "-shortest", clip.toString()), Duration.ofMinutes(1));
        assertThat(made.ok()).as(made.reason()).isTrue();
        Files.move(clip, home().resolve("drop/two-shots.mp4"));
        Files.writeString(home().resolve("made/notes.tmp"), "not a video");
        Files.move(home().resolve("made/notes.tmp"), home().resolve("drop/notes.mp4"));
        Await.until("delivered and rejected", Duration.ofSeconds(120), () -> Files.exists(home().resolve("out/two-shots.mp4.insights.json"))
                && Files.exists(home().resolve("drop/.error/notes.mp4.error.json")));

        String base = "http://127.0.0.1:" + port;
        String list = Chromium.dom(base + "/");
        assertThat(list).contains("two-shots.mp4").contains("Delivered").contains("notes.mp4").contains("Failed:").contains("Not a video")
                .contains("0:06").containsPattern("<img src=\"/media/[^\"]+/thumbnails/");
        Chromium.screenshot(base + "/", Path.of("target/screenshots/videos.png"));

        // the search box asks the service's Search API (here opened as /?q=): the moment the text is shown, linked
        Await.until("searchable", Duration.ofSeconds(30), () -> searchFinds("second%20shot", "two-shots.mp4"));
        assertThat(RawHttp.send(port, "GET /api/videos/search?query=second%20shot HTTP/1.1\r\nHost: 127.0.0.1").text())
                .contains("\"name\":\"two-shots.mp4\"").contains("\"type\":\"Ocr\"").contains("\"exactText\":\"SECOND SHOT\"");
        assertThat(RawHttp.send(port, "GET /api/Videos/Search?query= HTTP/1.1\r\nHost: 127.0.0.1").status()).isEqualTo(400);
        // hostile queries: a clear 400 or a bounded answer, never a stack trace or a scan
        RawHttp.Answer tooLong = RawHttp.send(port, "GET /api/Videos/Search?query=" + "x".repeat(600) + " HTTP/1.1\r\nHost: 127.0.0.1");
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.text()).contains("query must have 1 to 500 characters");
        assertThat(RawHttp.send(port, "GET /api/Videos/Search?query=" + "x".repeat(10_000) + " HTTP/1.1\r\nHost: 127.0.0.1").status())
                .isEqualTo(400);
        assertThat(RawHttp.send(port, "GET /api/Videos/Search?query=shot&pageSize=1000000 HTTP/1.1\r\nHost: 127.0.0.1").status())
                .isEqualTo(400);
        RawHttp.Answer syntax = RawHttp.send(port, "GET /api/Videos/Search?mode=hybrid&query=text%3Ashot%20AND%20sec*%20OR%201%3D1 HTTP/1.1\r\n"
                + "Host: 127.0.0.1");
        assertThat(syntax.status()).isEqualTo(200);
        assertThat(syntax.text()).doesNotContain("Exception");
        String found = Chromium.dom(base + "/?q=second%20shot");
        assertThat(found).contains("two-shots.mp4").doesNotContain("notes.mp4").containsPattern("#t=[23]\\.?\\d*\">0:0[23] Ocr: SECOND SHOT");
        Chromium.screenshot(base + "/?q=second%20shot", Path.of("target/screenshots/search.png"));
        // a brand read on screen is found by its name, as a brand
        assertThat(Chromium.dom(base + "/?q=nike")).contains("two-shots.mp4").containsPattern("#t=0\\.?\\d*\">0:00 Brand: Nike");

        Matcher job = Pattern.compile("video.html\\?id=([0-9a-f-]+)\">two-shots.mp4").matcher(list);
        assertThat(job.find()).as("a link to the video's page").isTrue();
        String page = base + "/video.html?id=" + job.group(1);
        String video = Chromium.dom(page + "#click=shots-2");
        assertThat(video).contains("id=\"shots-1\"").contains("id=\"shots-2\"").contains("FIRST SHOT").contains("SECOND SHOT");
        Matcher seek = Pattern.compile("data-seek=\"([\\d.]+)\"").matcher(video);
        assertThat(seek.find()).as("the click on the second shot seeked the player").isTrue();
        assertThat(Double.parseDouble(seek.group(1))).isBetween(2.5, 3.5);
        Chromium.screenshot(page, Path.of("target/screenshots/video.png"));
        assertThat(Path.of("target/screenshots/video.png")).isNotEmptyFile();
        assertThat(RawHttp.send(port, "GET /pipeline/videos HTTP/1.1\r\nHost: 127.0.0.1").text()).contains("\"sinks\":[\"direct:file-out\"]");

        // the search index rebuilt on demand (actuator): emptied, then the video is found again
        RawHttp.Answer rebuild = RawHttp.send(port, "POST /actuator/searchindex HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0");
        assertThat(rebuild.status()).as(rebuild.text()).isEqualTo(200);
        assertThat(rebuild.text()).contains("\"rebuilding\":true");
        Await.until("found again after the rebuild", Duration.ofSeconds(60), () -> searchFinds("second%20shot", "two-shots.mp4"));
        assertThat(RawHttp.send(port, "GET /actuator/searchindex HTTP/1.1\r\nHost: 127.0.0.1").text()).containsPattern("\"documents\":[1-9]");
    }

    /** Whether the Connector's Search finds a video (false while the app does not answer), for waiting on. */
    private boolean searchFinds(String query, String name) {
        try {
            return RawHttp.send(port, "GET /api/Videos/Search?query=" + query + " HTTP/1.1\r\nHost: 127.0.0.1").text().contains(name);
        } catch (IOException e) {
            return false;
        }
    }
}
