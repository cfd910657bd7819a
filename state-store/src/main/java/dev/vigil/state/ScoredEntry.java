package dev.vigil.state;

/**
 * A memory entry with its similarity to a query embedding.
 *
 * @param entry the entry
 * @param score cosine similarity, the maximum over the entry's pooled frame embeddings and its clip embeddings
 *              ({@code Similarity.entryScore})
 */
public record ScoredEntry(MemoryEntry entry, double score) {
}
