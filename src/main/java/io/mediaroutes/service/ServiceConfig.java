package io.mediaroutes.service;

import io.mediaroutes.insights.InsightsAnalyzer;
import io.mediaroutes.insights.InsightsProperties;
import io.mediaroutes.storage.StorageProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/**
 * The video service half: the Connector and Video Indexer APIs, the processing queue, the analyzers and the blob
 * store. Off with {@code mediaroutes.service.enabled=false}, and then none of it is made; always off in the
 * pipeline-only jar, which has no speech recognizer (nor the other natives and models).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = "org.vosk.Model")
@ConditionalOnProperty(name = "mediaroutes.service.enabled", havingValue = "true", matchIfMissing = true)
@ComponentScan(basePackageClasses = {ServiceConfig.class, InsightsAnalyzer.class})
@ConfigurationPropertiesScan(basePackageClasses = {ServiceConfig.class, InsightsProperties.class, StorageProperties.class})
public class ServiceConfig {}
