package io.mediaroutes.pipeline.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The upload to the UploadUri ({@code mediaroutes.upload}).
 *
 * @param inputEncryption NONE, or AES256: ask the service for input storage encryption and encrypt while streaming
 */
@Validated
@ConfigurationProperties("mediaroutes.upload")
public record UploadProperties(@NotNull DataSize blockSize, @Min(1) @Max(64) int concurrency, @NotNull InputEncryption inputEncryption) {

    public enum InputEncryption { NONE, AES256 }
}
