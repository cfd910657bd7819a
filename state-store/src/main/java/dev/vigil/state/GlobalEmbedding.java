package dev.vigil.state;

import java.util.Arrays;

/**
 * A camera's running global embedding (LongVLM global semantics): the mean of every pooled frame embedding
 * stored for it since its model last changed.
 *
 * @param cameraId the camera
 * @param modelId  the model of the embeddings ("" when none)
 * @param count    frames averaged
 * @param mean     the mean, fp32 (empty when {@code count == 0})
 */
public record GlobalEmbedding(String cameraId, String modelId, long count, float[] mean) {

    @Override
    public boolean equals(Object o) {
        return o instanceof GlobalEmbedding g && g.cameraId.equals(cameraId) && g.modelId.equals(modelId)
                && g.count == count && Arrays.equals(g.mean, mean);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * cameraId.hashCode() + Long.hashCode(count)) + Arrays.hashCode(mean);
    }

    @Override
    public String toString() {
        return "GlobalEmbedding[" + cameraId + " " + modelId + " count " + count + " dim " + mean.length + "]";
    }
}
