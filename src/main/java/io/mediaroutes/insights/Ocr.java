package io.mediaroutes.insights;

import static org.bytedeco.leptonica.global.leptonica.pixDestroy;
import static org.bytedeco.leptonica.global.leptonica.pixGetHeight;
import static org.bytedeco.leptonica.global.leptonica.pixRead;
import static org.bytedeco.tesseract.global.tesseract.RIL_TEXTLINE;
import static org.bytedeco.tesseract.global.tesseract.RIL_WORD;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.leptonica.PIX;
import org.bytedeco.tesseract.ResultIterator;
import org.bytedeco.tesseract.TessBaseAPI;

/**
 * Text on screen, read by Tesseract (org.bytedeco:tesseract, English model from the build). One engine per
 * analysis; words under {@value #MIN_CONFIDENCE}% confidence are dropped, which keeps busy frames from
 * producing garbage while the confident words of a noisy line still count.
 */
public final class Ocr implements AutoCloseable {

    static final float MIN_CONFIDENCE = 70;

    /** One line of text found in a frame, and where: its box in the video's pixels, upright (angle 0). */
    public record Line(String text, double confidence, int left, int top, int width, int height) {}

    private final TessBaseAPI api = new TessBaseAPI();

    /** @param cacheDir where the English model is unpacked from the classpath, once */
    public Ocr(Path cacheDir) throws IOException {
        Path tessdata = cacheDir.resolve("tessdata");
        Path model = tessdata.resolve("eng.traineddata");
        if (!Files.exists(model)) {
            Files.createDirectories(tessdata);
            try (InputStream in = Ocr.class.getResourceAsStream("/tessdata/eng.traineddata")) {
                if (in == null) {
                    throw new IOException("engine not installed: tessdata/eng.traineddata is not on the classpath");
                }
                // a temp name of its own: analyses starting at once in a fresh home each unpack, the last rename wins
                Path temp = Files.createTempFile(tessdata, ".eng.traineddata.", ".part");
                try {
                    Files.copy(in, temp, StandardCopyOption.REPLACE_EXISTING);
                    Files.move(temp, model, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } finally {
                    Files.deleteIfExists(temp);
                }
            }
        }
        if (api.Init(tessdata.toString(), "eng") != 0) {
            throw new IOException("engine not installed: Tesseract could not load " + model);
        }
    }

    /** @param videoHeight the video's height: boxes are scaled from the (possibly smaller) OCR frame to it */
    public List<Line> read(Path image, int videoHeight) {
        List<Line> lines = new ArrayList<>();
        PIX pix = pixRead(image.toString());
        if (pix == null) {
            return lines;
        }
        try {
            double scale = videoHeight > 0 ? (double) videoHeight / pixGetHeight(pix) : 1.0;
            api.SetImage(pix);
            if (api.Recognize(null) != 0) {
                return lines;
            }
            ResultIterator it = api.GetIterator();
            if (it == null) {
                return lines;
            }
            // word by word: a confident word counts even when noise on its line does not
            StringBuilder line = new StringBuilder();
            double confidenceSum = 0;
            int words = 0;
            int[] box = emptyBox();
            IntPointer l = new IntPointer(1), t = new IntPointer(1), r = new IntPointer(1), b = new IntPointer(1);
            do {
                if (it.IsAtBeginningOf(RIL_TEXTLINE) && words > 0) {
                    addLine(lines, line, confidenceSum / words, box, scale);
                    line.setLength(0);
                    confidenceSum = 0;
                    words = 0;
                    box = emptyBox();
                }
                BytePointer text = it.GetUTF8Text(RIL_WORD);
                if (text == null) {
                    continue;
                }
                String word = text.getString().strip();
                text.deallocate();
                float confidence = it.Confidence(RIL_WORD);
                if (confidence >= MIN_CONFIDENCE && word.chars().anyMatch(Character::isLetterOrDigit)) {
                    line.append(line.isEmpty() ? "" : " ").append(word);
                    confidenceSum += confidence / 100.0;
                    words++;
                    if (it.BoundingBox(RIL_WORD, l, t, r, b)) {
                        box = new int[] {Math.min(box[0], l.get()), Math.min(box[1], t.get()), Math.max(box[2], r.get()), Math.max(box[3], b.get())};
                    }
                }
            } while (it.Next(RIL_WORD));
            if (words > 0) {
                addLine(lines, line, confidenceSum / words, box, scale);
            }
            it.deallocate();
            l.close();
            t.close();
            r.close();
            b.close();
        } finally {
            api.Clear();
            pixDestroy(pix);
        }
        return lines;
    }

    private static int[] emptyBox() {
        return new int[] {Integer.MAX_VALUE, Integer.MAX_VALUE, 0, 0};
    }

    /** @param box left, top, right, bottom in the OCR frame's pixels */
    private static void addLine(List<Line> lines, StringBuilder text, double confidence, int[] box, double scale) {
        if (text.chars().filter(Character::isLetterOrDigit).count() >= 2) {
            boolean known = box[0] <= box[2];
            lines.add(new Line(text.toString(), Math.round(confidence * 100) / 100.0, known ? (int) Math.round(box[0] * scale) : 0,
                    known ? (int) Math.round(box[1] * scale) : 0, known ? (int) Math.round((box[2] - box[0]) * scale) : 0,
                    known ? (int) Math.round((box[3] - box[1]) * scale) : 0));
        }
    }

    @Override
    public void close() {
        api.End();
        api.close();
    }
}
