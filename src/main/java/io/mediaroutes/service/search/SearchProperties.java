package io.mediaroutes.service.search;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The service's search ({@code mediaroutes.service.search}): whether moments are also found by meaning (each
 * transcript and OCR line embedded when indexed), and how often the index catches up with videos processed or
 * deleted elsewhere (another instance of the cluster).
 */
@Validated
@ConfigurationProperties("mediaroutes.service.search")
public record SearchProperties(boolean meaning, @NotNull Duration syncInterval) {}
