package dev.vigil.state;

import dev.vigil.schema.ClipTokens;
import dev.vigil.schema.TokenMatrix;
import dev.vigil.tokens.Fp16;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Deterministic synthetic clips of small dimensions: 2 fps, 4 frames per clip (2 s), seeded tokens. */
public final class Clips {
    public static final long CLIP_MILLIS = 2_000;
    public static final int FRAMES = 4;

    private final String modelId;
    private final int tokens;
    private final int dim;

    public Clips(String modelId, int tokens, int dim) {
        this.modelId = modelId;
        this.tokens = tokens;
        this.dim = dim;
    }

    /** Clip {@code index} of the camera, starting at {@code t0 + index * 2 s}. */
    public ClipTokens clip(String camera, long t0, long index) {
        return clip(camera, index, t0 + index * CLIP_MILLIS, direction(index));
    }

    /** A clip whose frame embeddings all point along {@code direction} (plus a little noise). */
    public ClipTokens clip(String camera, long index, long start, float[] direction) {
        Random random = new Random(31 * index + camera.hashCode());
        float[] tokenValues = new float[tokens * dim];
        for (int i = 0; i < tokenValues.length; i++) {
            tokenValues[i] = (float) random.nextGaussian();
        }
        float[] frameValues = new float[FRAMES * dim];
        List<Instant> times = new ArrayList<>();
        for (int f = 0; f < FRAMES; f++) {
            for (int d = 0; d < dim; d++) {
                frameValues[f * dim + d] = direction[d] + 0.01f * (float) random.nextGaussian();
            }
            times.add(Instant.ofEpochMilli(start + f * CLIP_MILLIS / FRAMES));
        }
        List<Integer> sizes = new ArrayList<>();
        for (int i = 0; i < tokens; i++) {
            sizes.add(1 + i % 3);
        }
        byte[] jpeg = new byte[32];
        random.nextBytes(jpeg);
        return ClipTokens.newBuilder()
                .setCameraId(camera)
                .setClipIndex(index)
                .setStart(Instant.ofEpochMilli(start))
                .setEnd(Instant.ofEpochMilli(start + CLIP_MILLIS))
                .setModelId(modelId)
                .setTokens(matrix(tokens, tokenValues))
                .setTokenSizes(sizes)
                .setFrameEmbeddings(matrix(FRAMES, frameValues))
                .setFrameTimes(times)
                .setSamplingStride(1)
                .setPartial(false)
                .setKeyframe(ByteBuffer.wrap(jpeg))
                .setIngestTime(Instant.ofEpochMilli(start + CLIP_MILLIS))
                .setEncodeTime(Instant.ofEpochMilli(start + CLIP_MILLIS))
                .build();
    }

    /**
     * The clip as a bundle with a temporal readout publishes it: with one clip embedding along {@code direction}
     * (not normalised: the readout's scale is its own).
     */
    public ClipTokens withClipEmbedding(ClipTokens clip, float[] direction) {
        clip.setClipEmbeddings(matrix(1, direction));
        return clip;
    }

    /** A unit vector along axis {@code index % dim}: clips far apart in index look different. */
    public float[] direction(long index) {
        float[] v = new float[dim];
        v[(int) (index % dim)] = 1;
        return v;
    }

    private TokenMatrix matrix(int count, float[] values) {
        return TokenMatrix.newBuilder().setCount(count).setDim(dim).setFp16(ByteBuffer.wrap(Fp16.toBytes(values))).build();
    }
}
