package io.mediaroutes.service;

/** Published when processing ends; {@code state} is Video Indexer's: Processed or Failed. */
public record VideoEnded(String videoId, String state) {}
