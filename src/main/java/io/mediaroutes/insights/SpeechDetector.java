package io.mediaroutes.insights;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.BitSet;
import java.util.Map;

/**
 * Where in 16 kHz mono speech someone speaks: Silero VAD v5 (MIT; its ONNX model taken by the build from the
 * {@code @ricky0123/vad-web} npm package) on ONNX Runtime, one verdict per {@value #CHUNK}-sample chunk (32 ms). Music
 * and noise between sentences are not speech, so the recognizer is not given them to make words of.
 */
public final class SpeechDetector {

    public static final int CHUNK = 512;
    private static final int CONTEXT = 64; // the tail of the previous chunk, as Silero's own wrapper feeds it
    private static final float START = 0.5f; // Silero's own thresholds: speech starts above 0.5, ends below 0.35
    private static final float END = 0.35f;
    private static final int HANGOVER_CHUNKS = 10; // 0.32 s below END before speech ends
    private static final int PAD_CHUNKS = 6; // 0.19 s kept on each side of speech, for soft first and last sounds
    private static final OrtEnvironment ENV = OrtEnvironment.getEnvironment();
    private static OrtSession session;

    private SpeechDetector() {}

    /** The chunks of {@code pcm} (s16le) that are speech, padded; reads the stream to its end. */
    public static BitSet speech(InputStream pcm) throws IOException {
        BitSet speech = new BitSet();
        DataInputStream in = new DataInputStream(pcm);
        byte[] bytes = new byte[CHUNK * 2];
        float[][] input = new float[1][CONTEXT + CHUNK];
        float[][][] state = new float[2][1][128];
        boolean speaking = false;
        int quiet = 0;
        OrtSession model = session();
        try (OnnxTensor rate = OnnxTensor.createTensor(ENV, new long[] {16000})) {
            for (int chunk = 0; ; chunk++) {
                int n = readChunk(in, bytes);
                if (n == 0) {
                    break;
                }
                System.arraycopy(input[0], CHUNK, input[0], 0, CONTEXT);
                ByteBuffer samples = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
                for (int i = 0; i < CHUNK; i++) {
                    input[0][CONTEXT + i] = i < n / 2 ? samples.getShort(2 * i) / 32768f : 0;
                }
                float p;
                try (OnnxTensor audio = OnnxTensor.createTensor(ENV, input); OnnxTensor last = OnnxTensor.createTensor(ENV, state);
                        OrtSession.Result out = model.run(Map.of("input", audio, "state", last, "sr", rate))) {
                    p = ((float[][]) out.get("output").get().getValue())[0][0];
                    state = (float[][][]) out.get("stateN").get().getValue();
                }
                if (p >= START) {
                    speaking = true;
                    quiet = 0;
                } else if (speaking && p < END && ++quiet > HANGOVER_CHUNKS) {
                    speaking = false;
                }
                if (speaking) {
                    speech.set(Math.max(0, chunk - PAD_CHUNKS), chunk + PAD_CHUNKS + 1);
                }
            }
        } catch (OrtException e) {
            throw new IOException("speech detection failed: " + e.getMessage(), e);
        }
        return speech;
    }

    /** Fills {@code bytes} but at the end of the stream; the number of bytes read. */
    static int readChunk(DataInputStream in, byte[] bytes) throws IOException {
        int n = 0;
        while (n < bytes.length) {
            int r = in.read(bytes, n, bytes.length - n);
            if (r < 0) {
                break;
            }
            n += r;
        }
        return n;
    }

    private static synchronized OrtSession session() throws IOException {
        if (session == null) {
            try (InputStream model = SpeechDetector.class.getResourceAsStream("/models/silero_vad_v5.onnx")) {
                if (model == null) {
                    throw new IOException("engine not installed: models/silero_vad_v5.onnx is not on the classpath");
                }
                OrtSession.SessionOptions options = new OrtSession.SessionOptions();
                options.setIntraOpNumThreads(1);
                session = ENV.createSession(model.readAllBytes(), options);
            } catch (OrtException e) {
                throw new IOException("speech detector did not load: " + e.getMessage(), e);
            }
        }
        return session;
    }
}
