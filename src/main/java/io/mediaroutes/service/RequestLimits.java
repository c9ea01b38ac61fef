package io.mediaroutes.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses what the service can't take: an API body that is not JSON (415), a JSON body over {@code
 * mediaroutes.service.max-json-size} (413, in the Connector reference's error shape), counted on the bytes read whether
 * or not a Content-Length was sent, and an upload request that announces more than {@code
 * mediaroutes.service.max-upload-size} (413, Azure's RequestBodyTooLarge; the bytes themselves are counted as they are
 * stored). Unknown query parameters are ignored, as Azure's services do.
 */
@Component
public class RequestLimits extends OncePerRequestFilter {

    private final ServiceProperties props;
    private final ObjectMapper json;

    public RequestLimits(ServiceProperties props, ObjectMapper json) {
        this.props = props;
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String method = request.getMethod();
        return !(method.equals("POST") || method.equals("PUT"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI();
        long length = request.getContentLengthLong();
        boolean hasBody = length > 0 || request.getHeader("Transfer-Encoding") != null;
        if (path.startsWith("/blob/") && length > props.maxUploadSize().toBytes()) {
            send(response, BlobProtocolController.error(HttpStatus.PAYLOAD_TOO_LARGE, "RequestBodyTooLarge",
                    "The request body is too large and exceeds the maximum permissible limit (" + props.maxUploadSize() + ")."));
        } else if (!path.startsWith("/api/")) {
            chain.doFilter(request, response); // upload bodies are counted where they are read (BlobProtocolController)
        } else if (hasBody && !isJson(request.getContentType())) {
            send(response, VideoController.problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, request,
                    "The request body must be JSON (Content-Type: application/json)."));
        } else {
            // read here, at most one byte over the limit, so a chunked body is counted like any other
            byte[] body = request.getInputStream().readNBytes((int) props.maxJsonSize().toBytes() + 1);
            if (body.length > props.maxJsonSize().toBytes()) {
                send(response, VideoController.problem(HttpStatus.PAYLOAD_TOO_LARGE, request,
                        "The request body is larger than " + props.maxJsonSize() + "."));
            } else {
                chain.doFilter(new ReadBody(request, body), response);
            }
        }
    }

    /** The request with its body already read. */
    private static final class ReadBody extends HttpServletRequestWrapper {
        private final byte[] body;

        ReadBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("the body was read already");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return type.getSubtype().equals("json") || type.getSubtype().endsWith("+json");
        } catch (IllegalArgumentException unreadable) {
            return false;
        }
    }

    private void send(HttpServletResponse response, ResponseEntity<?> answer) throws IOException {
        response.setStatus(answer.getStatusCode().value());
        answer.getHeaders().forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
        Object body = answer.getBody();
        byte[] bytes = body instanceof String text ? text.getBytes(StandardCharsets.UTF_8) : json.writeValueAsBytes(body);
        response.getOutputStream().write(bytes);
    }
}
