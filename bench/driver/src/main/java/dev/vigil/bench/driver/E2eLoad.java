package dev.vigil.bench.driver;

import java.time.Duration;

/**
 * One end-to-end trial's load.
 *
 * @param cameras       synthetic cameras
 * @param fps           frames per second each camera renders and keeps
 * @param duration      event time per camera (and, at real-time pace, wall time of the streaming phase)
 * @param fast          synthcam {@code pace=fast} (frames as fast as they are read, event time in the past)
 *                      instead of real time
 * @param probeInterval how often TokenMemory is asked for new clips
 * @param askRate       similarity questions per second while streaming
 * @param drainTimeout  the longest wait after the cameras end for their last clips to become queryable
 */
record E2eLoad(int cameras, double fps, Duration duration, boolean fast, Duration probeInterval, double askRate,
               Duration drainTimeout) {

    E2eLoad withCameras(int n) {
        return new E2eLoad(n, fps, duration, fast, probeInterval, askRate, drainTimeout);
    }

    E2eLoad withDuration(Duration d) {
        return new E2eLoad(cameras, fps, d, fast, probeInterval, askRate, drainTimeout);
    }

    /** Frames each camera produces. */
    long framesPerCamera() {
        return Math.round(duration.toMillis() / 1000.0 * fps);
    }

    String pace() {
        return fast ? "fast" : "realtime";
    }
}
