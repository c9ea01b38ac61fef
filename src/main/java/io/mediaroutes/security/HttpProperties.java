package io.mediaroutes.security;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How the app is reached ({@code mediaroutes.http}).
 *
 * @param publicUrl    the base of every absolute URL handed out; empty: {@code http://<server.address>:<port>}
 * @param allowedHosts Host names answered beyond this machine's and the public URL's; {@code *} = any
 */
@Validated
@ConfigurationProperties("mediaroutes.http")
public record HttpProperties(@NotNull String publicUrl, @NotNull String allowedHosts) {}
