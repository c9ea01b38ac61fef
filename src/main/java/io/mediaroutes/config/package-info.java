/**
 * The app's settings, one validated record per concern of {@code mediaroutes.*}. Their values and documented defaults
 * are in {@code config/application.yaml} and nowhere else; a bad value stops the start with a message naming the key
 * (and, for a choice, the values allowed). Routes read the same keys as {@code {{mediaroutes...}}} placeholders.
 */
package io.mediaroutes.config;
