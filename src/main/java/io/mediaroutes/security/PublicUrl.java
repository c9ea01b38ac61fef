package io.mediaroutes.security;

import java.net.URI;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The base of every absolute URL the app hands out (UploadUris, playback URLs, widget Locations):
 * {@code mediaroutes.http.public-url}, or this app's bound address and port. Never the request's Host header,
 * which the caller chooses.
 */
@Component
public class PublicUrl {

    private final Environment environment;
    private final HttpProperties http;

    public PublicUrl(Environment environment, HttpProperties http) {
        this.environment = environment;
        this.http = http;
    }

    /** e.g. {@code http://127.0.0.1:8080}, without a trailing slash; the port is read on each call (known once bound). */
    public String base() {
        String configured = http.publicUrl().strip();
        if (!configured.isEmpty()) {
            return configured.endsWith("/") ? configured.substring(0, configured.length() - 1) : configured;
        }
        String address = environment.getProperty("server.address", "127.0.0.1");
        if (address.equals("0.0.0.0") || address.equals("::") || address.isBlank()) {
            address = "127.0.0.1"; // bound to every interface and no public URL set: only this machine is sure to reach it
        }
        String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
        return "http://" + (address.contains(":") ? "[" + address + "]" : address) + ":" + port;
    }

    public String host() {
        return URI.create(base()).getHost();
    }
}
