package io.mediaroutes;

import io.mediaroutes.media.Ffmpeg;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Real faces nobody here photographed: the grid of face crops in {@code @vladmandic/human}'s own screenshot
 * {@code assets/screenshot-facematch.jpg} (npm package @vladmandic/human 3.3.6, MIT; installed by the build into
 * target/vision), 19 columns by 6 rows below the sample pictures. Who is who was labelled by looking at the cells.
 */
public final class RealFaces {

    public static final Path GRID = Path.of("target/vision/node_modules/@vladmandic/human/assets/screenshot-facematch.jpg");
    private static final int TOP = 284;
    private static final double CELL_WIDTH = 101.05;
    private static final double CELL_HEIGHT = 111.6;

    /** One face of the grid, and the person it is (cells with the same person share a letter). */
    public record Cell(int column, int row, String person) {}

    /** The man of the first cell in three photographs, each after another person. */
    public static final List<Cell> THREE_PEOPLE = List.of(new Cell(0, 0, "A"), new Cell(0, 2, "B"), new Cell(1, 0, "A"),
            new Cell(1, 2, "C"), new Cell(3, 0, "A"));

    /** The same man three times among four other people (a man in sunglasses, three women). */
    public static final List<Cell> FIVE_PEOPLE = List.of(new Cell(0, 0, "A"), new Cell(0, 2, "B"), new Cell(1, 0, "A"),
            new Cell(1, 2, "C"), new Cell(2, 2, "D"), new Cell(3, 0, "A"), new Cell(3, 2, "E"));

    /** A 720p video of one row of the grid (its 19 faces), scaled so that each face is about {@code faceHeight} px tall. */
    public static Path row(Path dir, int row, int faceHeight) throws IOException {
        int rowHeight = (int) Math.round(faceHeight / 0.62); // a face fills about 62 % of its cell's height
        Path video = dir.resolve("row-" + row + "-" + faceHeight + ".mp4");
        Ffmpeg.Result made = Ffmpeg.ffmpeg(List.of("-loop", "1", "-t", "2", "-i", GRID.toAbsolutePath().toString(), "-vf",
                String.format(Locale.ROOT, "crop=1920:%d:0:%d,scale=-2:%d,scale='min(1280,iw)':-2,pad=1280:720:(ow-iw)/2:(oh-ih)/2,fps=25,format=yuv420p,setsar=1",
                        (int) CELL_HEIGHT, TOP + (int) (row * CELL_HEIGHT), rowHeight),
                "-c:v", "libopenh264", video.toString()), Duration.ofMinutes(1));
        if (!made.ok()) {
            throw new IOException("could not make the row video: " + made.reason());
        }
        return video;
    }

    /** How many distinct people {@code cells} show. */
    public static long people(List<Cell> cells) {
        return cells.stream().map(Cell::person).distinct().count();
    }

    private RealFaces() {}

    /** A 720p video: each cell, 300 px high in the middle of a black frame, for {@code seconds}, one shot each. */
    public static Path video(Path dir, List<Cell> cells, int seconds) throws IOException {
        List<String> args = new ArrayList<>();
        StringBuilder graph = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            Cell c = cells.get(i);
            args.addAll(List.of("-loop", "1", "-t", String.valueOf(seconds), "-i", GRID.toAbsolutePath().toString()));
            graph.append(String.format(Locale.ROOT, "[%d]crop=101:111:%d:%d,scale=-2:300,pad=1280:720:(ow-iw)/2:(oh-ih)/2,fps=25,format=yuv420p,setsar=1[c%d];",
                    i, (int) (c.column() * CELL_WIDTH), TOP + (int) (c.row() * CELL_HEIGHT), i));
        }
        for (int i = 0; i < cells.size(); i++) {
            graph.append("[c").append(i).append(']');
        }
        graph.append("concat=n=").append(cells.size()).append(":v=1:a=0[v]");
        Path video = dir.resolve("faces.mp4");
        args.addAll(List.of("-filter_complex", graph.toString(), "-map", "[v]", "-c:v", "libopenh264", video.toString()));
        Ffmpeg.Result made = Ffmpeg.ffmpeg(args, Duration.ofMinutes(2));
        if (!made.ok() || !Files.exists(video)) {
            throw new IOException("could not make the faces video: " + made.reason());
        }
        return video;
    }
}
