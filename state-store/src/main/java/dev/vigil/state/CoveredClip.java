package dev.vigil.state;

/**
 * One original clip that a memory entry stands for. A raw entry covers itself; a consolidated entry
 * covers every clip merged into it, so an answer built from it can still cite the clips and times.
 *
 * @param clipIndex the clip's index in its camera's stream
 * @param start     event time of the clip's first frame, epoch millis
 * @param end       event time of the clip's end, epoch millis
 */
public record CoveredClip(long clipIndex, long start, long end) {
}
