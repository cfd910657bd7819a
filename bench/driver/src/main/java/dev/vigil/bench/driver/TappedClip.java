package dev.vigil.bench.driver;

/**
 * What a benchmark reads of one {@code ClipTokens} record on {@code vigil.clip-tokens}.
 *
 * @param cameraId       camera
 * @param clipIndex      index on the camera's clip grid
 * @param ingestTime     when ingest read the clip's last frame, epoch millis
 * @param encodeTime     when the worker encoded the clip, epoch millis
 * @param tokenCount     merged tokens
 * @param frameCount     encoded frames
 * @param samplingStride 1, or k when the worker sampled every k-th frame under lag
 */
record TappedClip(String cameraId, long clipIndex, long ingestTime, long encodeTime, int tokenCount, int frameCount,
                  int samplingStride) {
}
