/**
 * Token math on plain Java arrays, shared by the models, the store and the standing questions so that each
 * is written once: the wire's fp16 codec ({@link dev.vigil.tokens.Fp16}), cosine and max-sim scoring
 * ({@link dev.vigil.tokens.Similarity}), ToMe bipartite merging ({@link dev.vigil.tokens.ArrayTokenMerging})
 * and its output order ({@link dev.vigil.tokens.MergeOrder}).
 *
 * <p>No dependencies: everything here is pure, deterministic and allocation-light, so it can run on a
 * Kafka Streams thread as well as beside DJL.
 */
package dev.vigil.tokens;
