package dev.vigil.bench.driver;

/**
 * A clip the probe first found answerable in TokenMemory.
 *
 * @param cameraId       camera
 * @param clipIndex      index on the camera's clip grid
 * @param start          clip start, event time, epoch millis
 * @param end            clip end, event time, epoch millis
 * @param frameTimes     event (capture) time of every encoded frame
 * @param tokenCount     merged tokens stored
 * @param samplingStride 1, or k when the worker sampled every k-th frame under lag
 * @param keyframeBytes  size of the stored keyframe thumbnail
 * @param queryableAt    wall-clock time of the probe query that first returned it, epoch millis
 */
record QueryableClip(String cameraId, long clipIndex, long start, long end, long[] frameTimes, int tokenCount,
                     int samplingStride, int keyframeBytes, long queryableAt) {
}
