package dev.vigil.cli.niah;

/**
 * One encoded clip as the index stores it.
 *
 * @param firstFrame      stream index of the clip's first frame
 * @param startMillis     event time of its first frame (ms since the scene's epoch)
 * @param endMillis       event time of its last frame
 * @param frameEmbeddings per frame, the pooled embedding (fp32, any length; the index normalises)
 * @param tokensFp16      the clip's merged tokens, fp16 bytes as the encoder emits them
 */
public record ClipEvidence(long firstFrame, long startMillis, long endMillis, float[][] frameEmbeddings,
                           byte[] tokensFp16) {
}
