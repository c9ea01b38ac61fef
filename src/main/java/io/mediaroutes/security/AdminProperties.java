package io.mediaroutes.security;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The login in front of Hawtio and actuator ({@code mediaroutes.admin}).
 *
 * @param jolokiaWrite with the login on: Jolokia may write attributes and run any operation
 */
@Validated
@ConfigurationProperties("mediaroutes.admin")
public record AdminProperties(boolean loginRequired, @NotBlank String user, @NotNull String password, boolean jolokiaWrite) {}
