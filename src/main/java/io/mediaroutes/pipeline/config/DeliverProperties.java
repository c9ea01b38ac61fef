package io.mediaroutes.pipeline.config;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Delivery to the sinks ({@code mediaroutes.deliver}).
 *
 * @param kamelets where the sink Kamelets are read from (a Camel resource location, e.g. {@code file:kamelets})
 */
@Validated
@ConfigurationProperties("mediaroutes.deliver")
public record DeliverProperties(@NotBlank String sinks, @Min(0) int sinkRetries, @NotNull Path deadLetterDir, @NotBlank String kamelets) {}
