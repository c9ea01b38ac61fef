package io.mediaroutes.service.indexer;

import io.mediaroutes.service.EmbeddedService;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Video Indexer's request limits for the account (seed 000): at most 10 requests a second and 120 a minute;
 * over that, 429 with Retry-After in seconds and a JSON error.
 */
@EmbeddedService
@Component
public class RateLimit extends OncePerRequestFilter {

    private final int perSecond;
    private final int perMinute;
    private final Deque<Long> recent = new ArrayDeque<>();

    public RateLimit(@Value("${mediaroutes.service.rate-limit.per-second:10}") int perSecond,
            @Value("${mediaroutes.service.rate-limit.per-minute:120}") int perMinute) {
        this.perSecond = perSecond;
        this.perMinute = perMinute;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        return !(path.startsWith("/auth/") || path.matches("/[^/]+/Accounts/.*"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long retryAfterSeconds = admit(System.currentTimeMillis());
        if (retryAfterSeconds > 0) {
            response.setStatus(429);
            response.setHeader("Retry-After", Long.toString(retryAfterSeconds));
            response.setContentType("application/json");
            response.getWriter().write("{\"ErrorType\":\"TOO_MANY_REQUESTS\",\"Message\":\"Rate limit is exceeded: "
                    + perSecond + " requests per second and " + perMinute + " per minute. Try again in "
                    + retryAfterSeconds + " seconds.\"}");
            return;
        }
        chain.doFilter(request, response);
    }

    /** 0 if the request may pass (and is counted), else the seconds until it could. */
    synchronized long admit(long now) {
        while (!recent.isEmpty() && recent.peekFirst() <= now - 60_000) {
            recent.pollFirst();
        }
        if (recent.size() >= perMinute) {
            return Math.max(1, (recent.peekFirst() + 60_000 - now + 999) / 1000);
        }
        long lastSecond = recent.stream().filter(t -> t > now - 1000).count();
        if (lastSecond >= perSecond) {
            return 1;
        }
        recent.addLast(now);
        return 0;
    }
}
