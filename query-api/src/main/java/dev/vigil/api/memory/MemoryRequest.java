package dev.vigil.api.memory;

import java.util.List;

/**
 * One memory read forwarded to the instance that owns the camera ({@code POST /internal/v1/memory}).
 *
 * @param op        {@code similar}, {@code range}, {@code latest}, {@code keyframe}, {@code global} or {@code stats}
 * @param cameras   the camera (one element), or for {@code similar} the cameras to search; empty = every
 *                  camera in the receiving instance's own partitions
 * @param embedding the query embedding ({@code similar})
 * @param from      window start
 * @param to        window end
 * @param k         how many ({@code similar})
 * @param clipIndex the clip ({@code keyframe})
 * @param start     the clip's start ({@code keyframe})
 */
public record MemoryRequest(String op, List<String> cameras, float[] embedding, long from, long to, int k,
                            long clipIndex, long start) {
}
