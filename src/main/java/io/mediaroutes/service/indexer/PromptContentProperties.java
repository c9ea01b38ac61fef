package io.mediaroutes.service.indexer;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Prompt Content ({@code mediaroutes.service.prompt-content}).
 *
 * @param sectionTokens the most tokens a section's text may hold (a quarter of its characters); a longer scene is cut
 */
@Validated
@ConfigurationProperties("mediaroutes.service.prompt-content")
public record PromptContentProperties(@Min(64) int sectionTokens) {}
