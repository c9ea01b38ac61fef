package io.mediaroutes.service.indexer;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The video in a multipart/form-data upload, streamed straight from the request: the first part that carries bytes,
 * whatever its framing. The Video Indexer API reference's C# sample client sends {@code content.Add(new
 * ByteArrayContent(buffer))}, a part with {@code Content-Disposition: form-data} and no name, which servlet containers
 * drop; curl's {@code -F file=@x} names it. A quoted boundary (.NET quotes it) is fine too.
 */
final class MultipartVideo {

    record Part(String fileName, InputStream content) {}

    private static final Pattern BOUNDARY = Pattern.compile("boundary=(\"([^\"]+)\"|([^;\\s]+))", Pattern.CASE_INSENSITIVE);
    private static final Pattern FILE_NAME = Pattern.compile("filename=(\"([^\"]*)\"|([^;\\s]+))", Pattern.CASE_INSENSITIVE);
    private static final int MAX_HEADER_BYTES = 16 * 1024;

    private MultipartVideo() {}

    static boolean isMultipart(String contentType) {
        return contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data");
    }

    /** The first part with at least one byte, or empty when every part is empty (an upload by URL from .NET). */
    static Optional<Part> first(InputStream body, String contentType) throws IOException {
        Matcher m = BOUNDARY.matcher(contentType);
        if (!m.find()) {
            throw new IOException("multipart/form-data without a boundary");
        }
        String boundary = m.group(2) != null ? m.group(2) : m.group(3);
        Scanner scanner = new Scanner(body, ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1));
        InputStream preamble = scanner.part();
        preamble.transferTo(OutputStream.nullOutputStream());
        while (scanner.atDelimiter()) {
            if (scanner.line().startsWith("--")) { // the closing delimiter
                return Optional.empty();
            }
            StringBuilder headers = new StringBuilder();
            for (String line; !(line = scanner.line()).isEmpty(); ) {
                headers.append(line).append('\n');
                if (headers.length() > MAX_HEADER_BYTES) { // many short lines: as bounded as one long one
                    throw new IOException("multipart part headers longer than " + MAX_HEADER_BYTES + " bytes");
                }
            }
            if (headers.isEmpty() && scanner.startsWith(("--" + boundary).getBytes(StandardCharsets.ISO_8859_1))) {
                return Optional.empty(); // .NET's empty MultipartFormDataContent: "--b", blank line, "--b--"
            }
            InputStream content = scanner.part();
            int first = content.read();
            if (first >= 0) {
                return Optional.of(new Part(fileName(headers.toString()), new SequenceInputStream(
                        new ByteArrayInputStream(new byte[] {(byte) first}), content)));
            }
        }
        return Optional.empty();
    }

    private static String fileName(String headers) {
        Matcher m = FILE_NAME.matcher(headers);
        return m.find() ? (m.group(2) != null ? m.group(2) : m.group(3)) : null;
    }

    /** A buffered view of the body: lines, and parts that end where the next delimiter starts. */
    private static final class Scanner {
        private final InputStream in;
        private final byte[] delimiter;
        private final byte[] buffer = new byte[64 * 1024];
        private int start;
        private int end = 2;
        private boolean eof;
        private boolean atDelimiter;

        Scanner(InputStream in, byte[] delimiter) {
            this.in = in;
            this.delimiter = delimiter;
            buffer[0] = '\r'; // the first delimiter may open the body, without the CRLF every later one has
            buffer[1] = '\n';
        }

        boolean atDelimiter() {
            return atDelimiter;
        }

        String line() throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            while (true) {
                if (start == end && !fill()) {
                    break;
                }
                byte b = buffer[start++];
                if (b == '\n') {
                    break;
                }
                if (line.size() >= MAX_HEADER_BYTES) {
                    throw new IOException("a multipart header line longer than " + MAX_HEADER_BYTES + " bytes");
                }
                line.write(b);
            }
            return line.toString(StandardCharsets.UTF_8).strip();
        }

        /** Whether the next bytes are {@code prefix} (nothing is consumed). */
        boolean startsWith(byte[] prefix) throws IOException {
            while (end - start < prefix.length && fill()) {
                // read until there are enough bytes to compare, or the body ends
            }
            return end - start >= prefix.length && Arrays.equals(buffer, start, start + prefix.length, prefix, 0, prefix.length);
        }

        /** The bytes up to the next delimiter (consumed), or to the end of the body. */
        InputStream part() {
            atDelimiter = false;
            return new InputStream() {
                private boolean done;

                @Override
                public int read() throws IOException {
                    byte[] one = new byte[1];
                    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
                }

                @Override
                public int read(byte[] target, int offset, int length) throws IOException {
                    while (!done) {
                        int at = indexOf(start, end);
                        if (at == start) {
                            start += delimiter.length;
                            atDelimiter = true;
                            done = true;
                            break;
                        }
                        int safe = at > start ? at : eof ? end : end - delimiter.length + 1; // a delimiter may start in the tail
                        if (safe > start) {
                            int n = Math.min(length, safe - start);
                            System.arraycopy(buffer, start, target, offset, n);
                            start += n;
                            return n;
                        }
                        if (!fill()) {
                            done = true;
                        }
                    }
                    return -1;
                }
            };
        }

        /** Reads more into the buffer; false at the end of the body. */
        private boolean fill() throws IOException {
            if (eof) {
                return false;
            }
            if (start > 0) {
                System.arraycopy(buffer, start, buffer, 0, end - start);
                end -= start;
                start = 0;
            }
            int n = in.read(buffer, end, buffer.length - end);
            if (n < 0) {
                eof = true;
                return end > start;
            }
            end += n;
            return true;
        }

        private int indexOf(int from, int to) {
            outer:
            for (int i = from; i <= to - delimiter.length; i++) {
                for (int j = 0; j < delimiter.length; j++) {
                    if (buffer[i + j] != delimiter[j]) {
                        continue outer;
                    }
                }
                return i;
            }
            return -1;
        }
    }
}
