package io.mediaroutes.service;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;

/** A part of the embedded video service: off with mediaroutes.service.embedded=false (profile azure). */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ConditionalOnProperty(name = "mediaroutes.service.embedded", havingValue = "true", matchIfMissing = true)
public @interface EmbeddedService {}
