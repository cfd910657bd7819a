package dev.vigil.bench.driver;

import java.util.List;

/**
 * Clip-encoder throughput at one batch size.
 *
 * @param clips                 clips per {@code ClipEncoder.encode} call, one per camera
 * @param frames                frames per call (clips × frames per clip)
 * @param seconds               wall time of each timed call
 * @param medianSeconds         their median
 * @param framesPerSecond       frames / median seconds
 * @param bestFramesPerSecond   frames / fastest call
 * @param achievedFlopsPerSecond framesPerSecond × counted FLOPs per frame
 * @param efficiency            achievedFlopsPerSecond ÷ the device's measured GEMM rate
 */
public record EncoderBatchResult(int clips, int frames, List<Double> seconds, double medianSeconds,
                                 double framesPerSecond, double bestFramesPerSecond, double achievedFlopsPerSecond,
                                 double efficiency) {

    /** The same timings with the efficiency taken against another GEMM rate. */
    EncoderBatchResult against(GemmRate gemm) {
        return new EncoderBatchResult(clips, frames, seconds, medianSeconds, framesPerSecond, bestFramesPerSecond,
                achievedFlopsPerSecond, achievedFlopsPerSecond / gemm.flopsPerSecond());
    }
}
