package io.mediaroutes.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * What a web page in the operator's browser must not do to this app:
 * <ul>
 * <li>reach it under a name of its own (DNS rebinding): the Host header must be this machine, the bound address,
 *     the public URL's host or one of {@code mediaroutes.http.allowed-hosts} ({@code *}: any; health is exempt,
 *     for probes that use the pod's address);</li>
 * <li>call the management endpoints (Hawtio, Jolokia, actuator) from another origin: a foreign {@code Origin} or a
 *     cross-site {@code Sec-Fetch-Site} is refused, so no CORS answer is ever given there.</li>
 * </ul>
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class BrowserBoundary extends OncePerRequestFilter {

    private static final Set<String> LOCAL = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

    private final Environment environment;
    private final PublicUrl publicUrl;
    private final Set<String> allowedHosts;

    public BrowserBoundary(Environment environment, PublicUrl publicUrl, HttpProperties http) {
        this.environment = environment;
        this.publicUrl = publicUrl;
        this.allowedHosts = Arrays.stream(http.allowedHosts().split(",")).map(h -> h.strip().toLowerCase(Locale.ROOT))
                .filter(h -> !h.isEmpty()).collect(Collectors.toSet());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI();
        boolean management = path.startsWith("/actuator/");
        boolean health = path.equals("/actuator/health") || path.startsWith("/actuator/health/");
        String host = request.getHeader("Host");
        if (!health && !hostAllowed(host)) {
            refuse(response, 421, "This server does not answer to the host name " + sanitize(host) + ".");
            return;
        }
        if (management && !health && !sameOrigin(request, host)) {
            refuse(response, 403, "Management endpoints take no cross-origin requests.");
            return;
        }
        chain.doFilter(request, response);
    }

    private boolean hostAllowed(String hostHeader) {
        if (hostHeader == null) {
            return false;
        }
        if (allowedHosts.contains("*")) {
            return true;
        }
        String name = hostName(hostHeader);
        return LOCAL.contains(name) || allowedHosts.contains(name) || name.equals(publicUrl.host().toLowerCase(Locale.ROOT))
                || name.equals(environment.getProperty("server.address", "127.0.0.1").toLowerCase(Locale.ROOT));
    }

    private static boolean sameOrigin(HttpServletRequest request, String host) {
        String fetchSite = request.getHeader("Sec-Fetch-Site");
        // a link from elsewhere may open Hawtio's page (the page can't read it); anything else must come from here
        boolean openingHawtio = request.getMethod().equals("GET") && "navigate".equals(request.getHeader("Sec-Fetch-Mode"))
                && request.getRequestURI().startsWith("/actuator/hawtio");
        if (fetchSite != null && !fetchSite.equals("same-origin") && !fetchSite.equals("none") && !openingHawtio) {
            return false;
        }
        String origin = request.getHeader("Origin");
        if (origin == null) {
            return true;
        }
        try {
            return host != null && host.equalsIgnoreCase(URI.create(origin).getRawAuthority());
        } catch (IllegalArgumentException unreadable) {
            return false;
        }
    }

    /** The host part of a Host header, lower case, brackets kept for IPv6. */
    static String hostName(String hostHeader) {
        String h = hostHeader.strip().toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end < 0 ? h : h.substring(0, end + 1);
        }
        int colon = h.indexOf(':');
        return colon < 0 ? h : h.substring(0, colon);
    }

    private static String sanitize(String s) {
        return s == null ? "(none)" : s.replaceAll("[^A-Za-z0-9.:\\[\\]-]", "?");
    }

    private static void refuse(HttpServletResponse response, int status, String message) throws IOException {
        response.setStatus(status);
        response.setContentType("text/plain;charset=utf-8");
        response.getWriter().write(message);
    }
}
