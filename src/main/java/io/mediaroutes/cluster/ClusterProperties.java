package io.mediaroutes.cluster;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** How instances sharing the database split the work ({@code mediaroutes.cluster}). */
@Validated
@ConfigurationProperties("mediaroutes.cluster")
public record ClusterProperties(@NotNull String instanceId, @NotNull Duration lease, @NotNull Duration leaseRenewal) {}
