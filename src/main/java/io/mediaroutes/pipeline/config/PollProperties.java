package io.mediaroutes.pipeline.config;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The Status poll ({@code mediaroutes.poll}).
 *
 * @param interval      ms between polls
 * @param callbackGrace Video Indexer mode with a callback URL: how long the poll leaves a video to the callback
 */
@Validated
@ConfigurationProperties("mediaroutes.poll")
public record PollProperties(@Min(10) long interval, @NotNull Duration callbackGrace) {}
