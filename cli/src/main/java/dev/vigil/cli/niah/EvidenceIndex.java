package dev.vigil.cli.niah;

import java.util.List;

/**
 * Where the bench keeps what the encoder produced and asks it for evidence: the retrieval backend. The first
 * version is {@link InMemoryEvidenceIndex}; the Kafka token memory (state-store) plugs in here with the
 * end-to-end wiring.
 */
public interface EvidenceIndex {

    /** Adds one encoded clip: its frames' embeddings and its merged tokens. */
    void add(ClipEvidence clip);

    /** The {@code k} frames whose embeddings are most similar (cosine) to {@code query}, best first. */
    List<FrameHit> search(float[] query, int k);

    /** The embedding of an indexed frame (unit length). */
    float[] frameEmbedding(long frameIndex);

    /** Bytes held for this camera: frame embeddings, tokens and time ranges. */
    long bytes();
}
