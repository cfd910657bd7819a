package dev.vigil.state.internals;

import dev.vigil.state.MemoryEntry;
import dev.vigil.state.ScoredEntry;
import dev.vigil.tokens.Similarity;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueIterator;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * TokenMemory's similarity search: an exact scan of the entries overlapping a time range, each scored by
 * {@link Similarity#entryScore} (the best of its pooled frame embeddings and its clip embeddings against the query,
 * the same score standing questions use), the best k kept in a bounded heap.
 *
 * <p>Exact because a camera holds a few thousand entries at most ({@code MemoryBound}). Each entry is scored from
 * its encoded frame and clip embeddings in place ({@link EntryCodec#embeddingsOf}), decoded into two buffers that
 * the scan reuses, grown to the largest entry, so scoring allocates nothing per row; only the best k are decoded, and
 * CRC-checked, in full. Ties rank the earlier entry first, so every instance answers alike. An ANN index (HNSW
 * over the pooled embeddings, kept per camera beside the entries and rebuilt from the changelog) would go here
 * when a store holds many cameras over long retention.
 */
public final class SimilarityScan {
    private final MemoryRecords records;

    public SimilarityScan(MemoryRecords records) {
        this.records = records;
    }

    /**
     * The {@code k} entries overlapping [from, to] most similar to {@code embedding}, best first;
     * {@code cameraId == null} scans every camera. Entries of another embedding width are skipped.
     */
    public List<ScoredEntry> similar(String cameraId, float[] embedding, long from, long to, int k) {
        if (k <= 0 || to < from) {
            return List.of();
        }
        float[] rows = new float[0];
        float[] clipRows = new float[0];
        Comparator<Candidate> worstFirst = Comparator.comparingDouble(Candidate::score)
                .thenComparing(Candidate::start, Comparator.reverseOrder());
        PriorityQueue<Candidate> best = new PriorityQueue<>(worstFirst);
        for (String camera : cameraId == null ? records.cameras() : List.of(cameraId)) {
            long fromStart = records.summary(camera).earliestStartOverlapping(from);
            try (KeyValueIterator<Bytes, byte[]> it = records.entries(camera, fromStart, to)) {
                while (it.hasNext()) {
                    byte[] value = it.next().value;
                    EntryCodec.EmbeddingView view = EntryCodec.embeddingsOf(camera, value);
                    if (!MemoryEntry.overlaps(view.start(), view.end(), from, to) || view.dim() != embedding.length
                            || view.count() + view.clipCount() == 0) {
                        continue;
                    }
                    if (rows.length < view.count() * view.dim()) {
                        rows = new float[view.count() * view.dim()];
                    }
                    if (clipRows.length < view.clipCount() * view.dim()) {
                        clipRows = new float[view.clipCount() * view.dim()];
                    }
                    view.rowsInto(rows);
                    view.clipRowsInto(clipRows);
                    double score = Similarity.entryScore(embedding, rows, view.count(), clipRows, view.clipCount(),
                            view.dim()).score();
                    best.add(new Candidate(camera, view.start(), score, value));
                    if (best.size() > k) {
                        best.poll();
                    }
                }
            }
        }
        List<Candidate> top = new ArrayList<>(best);
        top.sort(worstFirst.reversed());
        List<ScoredEntry> out = new ArrayList<>(top.size());
        for (Candidate c : top) {
            out.add(new ScoredEntry(EntryCodec.decode(c.camera(), c.value()), c.score()));
        }
        return out;
    }

    /** An entry of the scan, scored but not yet decoded. */
    private record Candidate(String camera, long start, double score, byte[] value) {
    }
}
