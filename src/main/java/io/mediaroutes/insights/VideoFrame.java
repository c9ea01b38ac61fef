package io.mediaroutes.insights;

/** One decoded picture, {@code width * height * 3} bytes of RGB, at {@code seconds} into the video. */
public record VideoFrame(double seconds, int width, int height, byte[] rgb) {}
