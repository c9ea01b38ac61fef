package io.mediaroutes.service;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Input formats the service accepts: video containers that the bundled ffmpeg decodes. */
public final class Formats {

    public record Format(String extension, String mimeType) {}

    public static final List<Format> ALL = List.of(
            new Format("3g2", "video/3gpp2"), new Format("3gp", "video/3gpp"), new Format("3gp2", "video/3gpp2"),
            new Format("asf", "video/x-ms-asf"), new Format("avi", "video/x-msvideo"), new Format("dv", "video/x-dv"),
            new Format("f4v", "video/x-f4v"), new Format("flv", "video/x-flv"), new Format("gxf", "application/gxf"),
            new Format("ismv", "video/ismv"), new Format("m2ts", "video/mp2t"), new Format("m2v", "video/mpeg"),
            new Format("m4v", "video/x-m4v"), new Format("mkv", "video/x-matroska"), new Format("mod", "video/mpeg"),
            new Format("mov", "video/quicktime"), new Format("mp4", "video/mp4"), new Format("mpeg", "video/mpeg"),
            new Format("mpg", "video/mpeg"), new Format("mts", "video/mp2t"), new Format("mxf", "application/mxf"),
            new Format("ogv", "video/ogg"), new Format("qt", "video/quicktime"), new Format("ts", "video/mp2t"),
            new Format("vob", "video/dvd"), new Format("webm", "video/webm"), new Format("wmv", "video/x-ms-wmv"),
            new Format("wtv", "video/x-ms-wtv"));

    private Formats() {}

    /** The lower-case extension of a file name, if it is one we accept. */
    public static Optional<String> supportedExtension(String fileName) {
        int dot = fileName == null ? -1 : fileName.lastIndexOf('.');
        if (dot < 0 || dot == fileName.length() - 1) {
            return Optional.empty();
        }
        String ext = fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
        return ALL.stream().map(Format::extension).filter(ext::equals).findFirst();
    }
}
