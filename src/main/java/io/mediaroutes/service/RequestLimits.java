package io.mediaroutes.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses what the service can't take before anything is read: an API body that is not JSON (415), a JSON body
 * over {@code mediaroutes.service.max-json-size} (413, in seed 001's error shape), an upload request over
 * {@code mediaroutes.service.max-upload-size} (413, Azure's RequestBodyTooLarge). Unknown query parameters are
 * ignored, as Azure's services do.
 */
@EmbeddedService
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
        if (path.startsWith("/blob/") && length > props.maxUploadSize().toBytes()) {
            send(response, BlobProtocolController.error(HttpStatus.PAYLOAD_TOO_LARGE, "RequestBodyTooLarge",
                    "The request body is too large and exceeds the maximum permissible limit (" + props.maxUploadSize() + ")."));
        } else if (path.startsWith("/api/") && length != 0 && !isJson(request.getContentType())) {
            send(response, VideoController.problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, request,
                    "The request body must be JSON (Content-Type: application/json), not " + request.getContentType() + "."));
        } else if (path.startsWith("/api/") && length > props.maxJsonSize().toBytes()) {
            send(response, VideoController.problem(HttpStatus.PAYLOAD_TOO_LARGE, request,
                    "The request body is larger than " + props.maxJsonSize() + "."));
        } else {
            chain.doFilter(request, response);
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
