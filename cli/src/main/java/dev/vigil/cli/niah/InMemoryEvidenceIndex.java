package dev.vigil.cli.niah;

import dev.vigil.models.train.Cosine;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Frames' unit embeddings in one flat array, searched exhaustively: exact top-k by cosine, O(frames) per query.
 * Tokens and time ranges are kept (and counted in {@link #bytes()}) as the real memory would keep them, although
 * retrieval here reads only the frame embeddings.
 */
public final class InMemoryEvidenceIndex implements EvidenceIndex {

    private final int dim;
    private float[] embeddings = new float[0];
    private int frames;
    private final List<byte[]> tokens = new ArrayList<>();
    private long tokenBytes;

    public InMemoryEvidenceIndex(int dim) {
        this.dim = dim;
    }

    @Override
    public void add(ClipEvidence clip) {
        for (float[] e : clip.frameEmbeddings()) {
            if (e.length != dim) {
                throw new IllegalArgumentException("embedding of width " + e.length + ", index width " + dim);
            }
            if ((frames + 1) * dim > embeddings.length) {
                embeddings = java.util.Arrays.copyOf(embeddings, Math.max(1024 * dim, embeddings.length * 2));
            }
            System.arraycopy(Cosine.normalised(e), 0, embeddings, frames * dim, dim);
            frames++;
        }
        tokens.add(clip.tokensFp16());
        tokenBytes += clip.tokensFp16().length;
    }

    @Override
    public List<FrameHit> search(float[] query, int k) {
        float[] q = Cosine.normalised(query);
        PriorityQueue<FrameHit> best = new PriorityQueue<>((a, b) -> Double.compare(a.score(), b.score()));
        for (int f = 0; f < frames; f++) {
            double s = 0;
            int o = f * dim;
            for (int i = 0; i < dim; i++) {
                s += q[i] * embeddings[o + i];
            }
            if (best.size() < k) {
                best.add(new FrameHit(f, s));
            } else if (s > best.peek().score()) {
                best.poll();
                best.add(new FrameHit(f, s));
            }
        }
        List<FrameHit> out = new ArrayList<>(best);
        out.sort((a, b) -> Double.compare(b.score(), a.score()));
        return out;
    }

    @Override
    public float[] frameEmbedding(long frameIndex) {
        int o = Math.toIntExact(frameIndex) * dim;
        return java.util.Arrays.copyOfRange(embeddings, o, o + dim);
    }

    @Override
    public long bytes() {
        // fp32 embeddings + fp16 tokens + two longs (time range) per clip
        return (long) frames * dim * 4 + tokenBytes + tokens.size() * 16L;
    }
}
