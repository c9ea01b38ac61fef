package io.mediaroutes.service.indexer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The framings real clients send, byte for byte, read the way a slow network delivers them (a few bytes at a time). */
class MultipartVideoTest {

    static final String GUID = "3f5c2a3e-9d2b-4c2a-8a51-0f7c6e1b2d4a";
    static final String DOTNET_TYPE = "multipart/form-data; boundary=\"" + GUID + "\"";

    @Test
    void dotNetsEmptyMultipartBodyHasNoVideo() throws IOException {
        // new MultipartFormDataContent() with nothing added, as the Video Indexer sample's upload by URL sends it
        byte[] body = ("--" + GUID + "\r\n\r\n--" + GUID + "--\r\n").getBytes(StandardCharsets.US_ASCII);
        assertThat(MultipartVideo.first(trickle(body), DOTNET_TYPE)).isEmpty();
    }

    @Test
    void endlessPartHeadersAreRefusedNotCollected() {
        // short header lines without end: each under the line limit, together without one
        byte[] body = ("--" + GUID + "\r\n" + "X-A: b\r\n".repeat(100_000)).getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> MultipartVideo.first(trickle(body), DOTNET_TYPE)).isInstanceOf(IOException.class)
                .hasMessageContaining("headers longer than");
    }

    @Test
    void dotNetsNamelessByteArrayPartIsTheVideo() throws IOException {
        // content.Add(new ByteArrayContent(buffer)): Content-Disposition: form-data, no name, no filename
        byte[] video = video(300_000);
        byte[] body = concat(("--" + GUID + "\r\nContent-Disposition: form-data\r\n\r\n").getBytes(StandardCharsets.US_ASCII), video,
                ("\r\n--" + GUID + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        Optional<MultipartVideo.Part> part = MultipartVideo.first(trickle(body), DOTNET_TYPE);
        assertThat(part).isPresent();
        assertThat(part.get().fileName()).isNull();
        assertThat(part.get().content().readAllBytes()).isEqualTo(video);
    }

    @Test
    void curlsNamedFilePartAfterAnEmptyFieldIsTheVideo() throws IOException {
        // curl -F description= -F file=@clip.mov
        byte[] video = video(70_001);
        String b = "------------------------d74496d66958873e";
        byte[] body = concat(("--" + b + "\r\nContent-Disposition: form-data; name=\"description\"\r\n\r\n\r\n--" + b + "\r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename=\"clip.mov\"\r\nContent-Type: video/quicktime\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII), video, ("\r\n--" + b + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        Optional<MultipartVideo.Part> part = MultipartVideo.first(trickle(body), "multipart/form-data; boundary=" + b);
        assertThat(part.get().fileName()).isEqualTo("clip.mov");
        assertThat(part.get().content().readAllBytes()).isEqualTo(video);
    }

    /** Bytes that look like the start of a delimiter ("\r\n--") inside the video must stay in it. */
    private static byte[] video(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        byte[] nearMiss = ("\r\n--" + GUID.substring(0, 20)).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(nearMiss, 0, bytes, size / 2, nearMiss.length);
        return bytes;
    }

    private static InputStream trickle(byte[] body) {
        Random sizes = new Random(7);
        return new FilterInputStream(new ByteArrayInputStream(body)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, 1 + sizes.nextInt(8191)));
            }
        };
    }

    private static byte[] concat(byte[]... parts) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.write(p);
        }
        return out.toByteArray();
    }
}
