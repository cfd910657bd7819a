package dev.vigil.cli.niah;

/**
 * A retrieved frame.
 *
 * @param frameIndex stream index of the frame
 * @param score      cosine similarity to the query
 */
public record FrameHit(long frameIndex, double score) {
}
