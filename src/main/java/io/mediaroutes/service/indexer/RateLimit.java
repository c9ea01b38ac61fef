package io.mediaroutes.service.indexer;

import io.mediaroutes.service.ServiceProperties;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Video Indexer's request limits for the account (its API reference): at most 10 requests a second and 120 a minute;
 * over that, 429 with Retry-After in seconds and a JSON error. Requests are counted per account (a valid
 * subscription key or access token names it); requests with a missing or wrong credential are counted in a bucket
 * of their own, so a stranger guessing keys can't use up an account's budget.
 */
@Component
public class RateLimit extends OncePerRequestFilter {

    private final int perSecond;
    private final int perMinute;
    private final Map<String, Deque<Long>> buckets = new HashMap<>();
    private final IndexerAccount account;
    private final AccessTokens tokens;

    public RateLimit(ServiceProperties service, IndexerAccount account, AccessTokens tokens) {
        this.perSecond = service.rateLimit().perSecond();
        this.perMinute = service.rateLimit().perMinute();
        this.account = account;
        this.tokens = tokens;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        return !(path.startsWith("/auth/") || path.matches("/[^/]+/Accounts/.*"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long retryAfterSeconds = admit(bucket(request), System.currentTimeMillis());
        if (retryAfterSeconds > 0) {
            response.setStatus(429);
            response.setHeader("Retry-After", Long.toString(retryAfterSeconds));
            response.setContentType("application/json");
            // the shape of the API gateway in front of the real service (Azure API Management's rate-limit policy)
            response.getWriter().write("{ \"statusCode\": 429, \"message\": \"Rate limit is exceeded. Try again in "
                    + retryAfterSeconds + " seconds.\" }");
            return;
        }
        chain.doFilter(request, response);
    }

    /** The account the request's credential names, or the bucket of requests without a valid one. */
    private String bucket(HttpServletRequest request) {
        if (account.keyMatches(request.getHeader("Ocp-Apim-Subscription-Key"))) {
            return "account:" + account.accountId();
        }
        AccessTokens.Grant grant = tokens.verify(IndexerAccess.token(request));
        return grant != null ? "account:" + grant.accountId() : "no valid credential";
    }

    /** 0 if the request may pass (and is counted), else the seconds until it could. */
    synchronized long admit(String bucket, long now) {
        buckets.values().removeIf(times -> times.isEmpty() || times.peekLast() <= now - 60_000);
        Deque<Long> recent = buckets.computeIfAbsent(bucket, b -> new ArrayDeque<>());
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
