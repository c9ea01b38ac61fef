package io.mediaroutes.service;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The Connector's HTTP conventions (the Connector reference) for {@code /api/**}: paths match in any case, as the real
 * service's routing does ({@code /api/videos} is {@code /api/Videos}), made canonical here, before anything
 * (Spring Security included) looks at them; answers are JSON only, {@code application/json; charset=utf-8}; a GET
 * whose Accept rules JSON out gets 406 (as JSON), any other method answers JSON whatever it asks for.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class ConnectorHttp extends OncePerRequestFilter {

    private static final Map<String, String> SEGMENTS = Stream.of("api", "Videos", "MarkComplete", "Status", "Index",
            "Thumbnails", "PlaybackEndpoint", "AuthorizationToken", "Formats", "Captions", "Search")
            .collect(Collectors.toMap(s -> s.toLowerCase(Locale.ROOT), s -> s));

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().toLowerCase(Locale.ROOT).startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if ((request.getMethod().equals("GET") || request.getMethod().equals("HEAD")) && !acceptsJson(request.getHeader("Accept"))) {
            response.setStatus(406);
            response.setContentType("application/json; charset=utf-8");
            response.getWriter().write("{\"status\":406,\"source\":\"" + canonical(request.getRequestURI())
                    + "\",\"message\":\"The API answers application/json only.\"}");
            return;
        }
        chain.doFilter(new Canonical(request), new Utf8Json(response));
    }

    static boolean acceptsJson(String accept) {
        if (accept == null || accept.isBlank()) {
            return true;
        }
        try {
            List<MediaType> types = MediaType.parseMediaTypes(accept);
            return types.stream().anyMatch(t -> t.isCompatibleWith(MediaType.APPLICATION_JSON) && t.getQualityValue() > 0);
        } catch (IllegalArgumentException unreadable) {
            return true;
        }
    }

    /** Each known segment in the reference's case; ids and anything else as sent. */
    static String canonical(String path) {
        return Stream.of(path.split("/", -1)).map(s -> SEGMENTS.getOrDefault(s.toLowerCase(Locale.ROOT), s))
                .collect(Collectors.joining("/"));
    }

    private static final class Canonical extends HttpServletRequestWrapper {
        Canonical(HttpServletRequest request) {
            super(request);
        }

        @Override
        public String getRequestURI() {
            return canonical(super.getRequestURI());
        }

        @Override
        public String getServletPath() {
            return canonical(super.getServletPath());
        }

        @Override
        public StringBuffer getRequestURL() {
            return new StringBuffer(canonical(super.getRequestURL().toString()));
        }

        @Override
        public String getHeader(String name) {
            return name.equalsIgnoreCase("Accept") ? MediaType.APPLICATION_JSON_VALUE + ", */*;q=0.1" : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return name.equalsIgnoreCase("Accept") ? Collections.enumeration(List.of(getHeader(name))) : super.getHeaders(name);
        }
    }

    /** {@code application/json} gains the charset the reference shows. */
    private static final class Utf8Json extends HttpServletResponseWrapper {
        Utf8Json(HttpServletResponse response) {
            super(response);
        }

        @Override
        public void setContentType(String type) {
            super.setContentType(withCharset(type));
        }

        @Override
        public void setHeader(String name, String value) {
            super.setHeader(name, name.equalsIgnoreCase("Content-Type") ? withCharset(value) : value);
        }

        @Override
        public void addHeader(String name, String value) {
            super.addHeader(name, name.equalsIgnoreCase("Content-Type") ? withCharset(value) : value);
        }

        private static String withCharset(String type) {
            return type != null && type.toLowerCase(Locale.ROOT).replace(" ", "").equals("application/json")
                    ? "application/json; charset=utf-8" : type;
        }
    }
}
