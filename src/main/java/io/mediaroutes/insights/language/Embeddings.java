package io.mediaroutes.insights.language;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;

/**
 * Sentence embeddings: all-MiniLM-L6-v2 (Apache-2.0), quantized, as langchain4j ships it in a jar, on ONNX Runtime;
 * 384 numbers of unit length, so that a dot product is the cosine similarity. Loaded once per process.
 */
public final class Embeddings {

    private static EmbeddingModel model;

    private Embeddings() {}

    public static float[] of(String text) {
        float[] vector = model().embed(text).content().vector();
        double norm = 0;
        for (float v : vector) {
            norm += v * v;
        }
        float scale = (float) (1 / Math.sqrt(norm));
        for (int i = 0; i < vector.length; i++) {
            vector[i] *= scale;
        }
        return vector;
    }

    public static double similarity(float[] a, float[] b) {
        double dot = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
        }
        return dot;
    }

    private static synchronized EmbeddingModel model() {
        if (model == null) {
            model = new AllMiniLmL6V2QuantizedEmbeddingModel();
        }
        return model;
    }
}
