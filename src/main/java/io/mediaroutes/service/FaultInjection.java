package io.mediaroutes.service;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * A fault-injecting service, for proving the pipeline's resilience (off by default:
 * {@code mediaroutes.service.faults.rate=0}). That share of API and upload calls is answered with one of the
 * configured faults instead: an HTTP status (408, 409, 429 with Retry-After, 500, 501, 503), {@code slow}
 * (the call is held {@code slow-ms} first, then served) or {@code drop} (the call is served, then the connection
 * is cut halfway through the answer: the client cannot tell whether it happened, the hardest case for retries).
 * Counts per fault are kept for the benches.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class FaultInjection extends OncePerRequestFilter {

    private static final Logger LOG = LoggerFactory.getLogger(FaultInjection.class);

    private final double rate;
    private final List<String> faults;
    private final long slowMillis;
    private final Random random;
    private final Map<String, AtomicLong> injected = new ConcurrentHashMap<>();

    public FaultInjection(ServiceProperties service) {
        double rate = service.faults().rate();
        String kinds = service.faults().kinds();
        long slowMillis = service.faults().slowMs();
        long seed = service.faults().seed();
        this.rate = rate;
        this.faults = Arrays.stream(kinds.split(",")).map(String::strip).filter(k -> !k.isEmpty()).toList();
        this.slowMillis = slowMillis;
        this.random = new Random(seed);
        if (rate > 0) {
            LOG.warn("Fault injection is ON: {} of service calls get one of {}", rate, faults);
        }
    }

    /** How many of each fault were injected so far. */
    public Map<String, Long> injected() {
        return injected.entrySet().stream().collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> e.getValue().get()));
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        return rate <= 0 || !(path.startsWith("/api/") || path.startsWith("/blob/") || path.matches("/[^/]+/Accounts/.*"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String fault;
        synchronized (random) {
            fault = random.nextDouble() < rate ? faults.get(random.nextInt(faults.size())) : null;
        }
        if (fault == null) {
            chain.doFilter(request, response);
            return;
        }
        injected.computeIfAbsent(fault, f -> new AtomicLong()).incrementAndGet();
        if (fault.equals("drop")) {
            dropAfterServing(request, response, chain);
            return;
        }
        if (fault.equals("slow")) {
            try {
                Thread.sleep(slowMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            chain.doFilter(request, response);
            return;
        }
        int status = Integer.parseInt(fault);
        if (status == 429 || status == 503) {
            response.setHeader("Retry-After", "1");
        }
        response.sendError(status, "injected fault");
    }

    /** Serves the call, then promises more answer than it sends, so the server closes the connection mid-answer. */
    private static void dropAfterServing(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ContentCachingResponseWrapper served = new ContentCachingResponseWrapper(response);
        chain.doFilter(request, served);
        byte[] answer = served.getContentAsByteArray();
        response.setHeader("Connection", "close"); // the cut is seen at once, not when keep-alive times out
        response.setContentLength(answer.length + 64);
        response.getOutputStream().write(answer, 0, answer.length / 2);
        response.flushBuffer();
    }
}
