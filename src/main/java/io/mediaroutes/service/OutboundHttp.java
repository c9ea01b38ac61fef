package io.mediaroutes.service;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.util.Timeout;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Every call the service makes to a URL it was handed ({@code videoUrl}, {@code callbackUrl}). Such a URL is
 * hostile: it must not reach this machine or the private network behind it. So each request, and each hop of a
 * redirect, is resolved first and refused when any address is loopback, link-local, private, shared (CGNAT),
 * multicast or unspecified, unless the URL matches {@code mediaroutes.service.fetch.allow}; the connection then
 * goes to exactly the addresses that were checked (no second DNS answer can slip in). Connect and read
 * timeouts, an overall deadline and a byte limit bound what one fetch can hold.
 */
@Component
public class OutboundHttp {

    /** What every refused or unreachable URL is told: no hint of which local ports answer. */
    public static final String UNREACHABLE = "The URL could not be reached, or is not one this service may call.";
    private static final int MAX_REDIRECTS = 5;

    private final Environment environment;
    private final ServiceProperties.Fetch limits;
    private final ScheduledExecutorService deadlines = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "outbound-deadlines");
        t.setDaemon(true);
        return t;
    });

    public OutboundHttp(Environment environment, ServiceProperties service) {
        this.environment = environment;
        this.limits = service.fetch();
    }

    /** Thrown for every URL that is refused or can't be reached; its message is always {@link #UNREACHABLE}. */
    public static class Unreachable extends IOException {
        public Unreachable(Throwable cause) {
            super(UNREACHABLE, cause);
        }
    }

    /** Whether the URL is one we may call now: http(s), and public addresses or allow-listed. */
    public boolean mayCall(URI url) {
        try {
            resolve(url);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    /**
     * GETs the URL, following up to five redirects, each checked again; the body stream fails once it passes
     * {@code maxBytes} or the deadline. The caller closes it.
     */
    public InputStream get(URI url, long maxBytes) throws Unreachable {
        long endAt = System.nanoTime() + limits.deadline().toNanos();
        URI current = url;
        try {
            for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
                Call call = open(new HttpGet(current), endAt);
                int status = call.response.getCode();
                Header location = call.response.getFirstHeader("Location");
                if (status >= 300 && status < 400 && location != null) {
                    call.close();
                    current = current.resolve(location.getValue());
                    continue;
                }
                if (status != 200 || call.response.getEntity() == null) {
                    call.close();
                    throw new IOException("answered " + status);
                }
                return call.body(maxBytes);
            }
            throw new IOException("too many redirects");
        } catch (Unreachable e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new Unreachable(e);
        }
    }

    /** POSTs an empty body (no redirects followed); returns the status code. */
    public int post(URI url) throws Unreachable {
        try (Call call = open(new HttpPost(url), System.nanoTime() + Duration.ofSeconds(60).toNanos())) {
            return call.response.getCode();
        } catch (Unreachable e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new Unreachable(e);
        }
    }

    private Call open(HttpUriRequestBase request, long endAt) throws IOException {
        URI url;
        try {
            url = request.getUri();
        } catch (URISyntaxException e) {
            throw new Unreachable(e);
        }
        InetAddress[] checked = resolve(url);
        DnsResolver pinned = new DnsResolver() {
            @Override
            public InetAddress[] resolve(String host) throws UnknownHostException {
                if (!host.equalsIgnoreCase(url.getHost())) {
                    throw new UnknownHostException(host);
                }
                return checked;
            }

            @Override
            public String resolveCanonicalHostname(String host) {
                return host;
            }
        };
        Timeout connect = Timeout.of(limits.connectTimeout());
        Timeout read = Timeout.of(limits.readTimeout());
        // no system proxy either: a proxy would resolve the host itself, past these checks
        CloseableHttpClient client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create().setDnsResolver(pinned)
                        .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(connect).setSocketTimeout(read).build())
                        .build())
                .disableRedirectHandling().disableAutomaticRetries().disableCookieManagement()
                .build();
        long left = endAt - System.nanoTime();
        ScheduledFuture<?> abort = deadlines.schedule(request::cancel, Math.max(left, 1), TimeUnit.NANOSECONDS);
        try {
            return new Call(client, client.executeOpen(null, request, null), abort);
        } catch (IOException | RuntimeException e) {
            abort.cancel(false);
            client.close();
            throw e;
        }
    }

    /** The URL's addresses, if every one of them may be called. */
    InetAddress[] resolve(URI url) throws IOException {
        String scheme = String.valueOf(url.getScheme()).toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || url.getHost() == null || url.getRawUserInfo() != null) {
            throw new Unreachable(new IOException("not an http(s) URL with a host: " + url));
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(url.getHost());
        } catch (UnknownHostException e) {
            throw new Unreachable(e);
        }
        if (!allowListed(url) && !Arrays.stream(addresses).allMatch(OutboundHttp::isPublic)) {
            throw new Unreachable(new IOException(url.getHost() + " is not a public address"));
        }
        return addresses;
    }

    /**
     * Entries are {@code host:port}, {@code host:*} or {@code host} (its scheme's default port), optionally with
     * an exact path ({@code 127.0.0.1:8080/pipeline/video-ended}). Read from the environment on each call, not
     * from the bound ServiceProperties: the default names this app's own port, known only once it listens.
     */
    boolean allowListed(URI url) {
        String host = url.getHost().toLowerCase(Locale.ROOT);
        int port = url.getPort() != -1 ? url.getPort() : url.getScheme().equalsIgnoreCase("https") ? 443 : 80;
        for (String entry : environment.getProperty("mediaroutes.service.fetch.allow", "").split(",")) {
            entry = entry.strip().toLowerCase(Locale.ROOT);
            if (entry.isEmpty()) {
                continue;
            }
            int slash = entry.indexOf('/');
            String path = slash < 0 ? null : entry.substring(slash);
            String hostPort = slash < 0 ? entry : entry.substring(0, slash);
            int colon = hostPort.lastIndexOf(':');
            boolean bracketed = hostPort.endsWith("]");
            String entryHost = colon < 0 || bracketed ? hostPort : hostPort.substring(0, colon);
            String entryPort = colon < 0 || bracketed ? null : hostPort.substring(colon + 1);
            boolean portMatches = entryPort == null ? port == 80 || port == 443
                    : entryPort.equals("*") || entryPort.equals(Integer.toString(port));
            boolean pathMatches = path == null || path.equals(url.getRawPath());
            if (entryHost.equals(host) && portMatches && pathMatches) {
                return true;
            }
        }
        return false;
    }

    /** True for addresses on the public internet; false for everything a hostile URL must not reach. */
    static boolean isPublic(InetAddress address) {
        if (address.isLoopbackAddress() || address.isLinkLocalAddress() || address.isSiteLocalAddress()
                || address.isMulticastAddress() || address.isAnyLocalAddress()) {
            return false;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first != 0 && first < 224                                // this network, reserved, broadcast
                    && !(first == 100 && second >= 64 && second < 128)      // shared address space (CGNAT)
                    && !(first == 192 && second == 0 && (b[2] & 0xff) == 0) // IETF protocol assignments
                    && !(first == 198 && (second == 18 || second == 19));   // benchmarking
        }
        if (address instanceof Inet6Address v6) {
            boolean uniqueLocal = (b[0] & 0xfe) == 0xfc;
            boolean embedsIpv4 = v6.isIPv4CompatibleAddress() || b[0] == 0x00 && b[1] == 0x64 && b[2] == (byte) 0xff
                    && b[3] == (byte) 0x9b; // ::a.b.c.d and NAT64 64:ff9b::/96 carry an IPv4 address we don't check
            return !uniqueLocal && !embedsIpv4;
        }
        return false;
    }

    /** One open response: closing it frees the connection and the deadline. */
    private record Call(CloseableHttpClient client, ClassicHttpResponse response, ScheduledFuture<?> abort)
            implements AutoCloseable {

        InputStream body(long maxBytes) throws IOException {
            Call call = this;
            return new FilterInputStream(ByteLimit.of(response.getEntity().getContent(), maxBytes)) {
                @Override
                public void close() throws IOException {
                    call.close();
                }
            };
        }

        @Override
        public void close() throws IOException {
            abort.cancel(false);
            response.close();
            client.close();
        }
    }
}
