package dev.vigil.bench.driver;

import java.util.Map;

/**
 * What one end-to-end trial measured. Latencies are in milliseconds; see {@code docs/benchmarks.md} for
 * exactly where each starts and ends.
 *
 * @param cameras                synthetic cameras
 * @param fps                    frames per second per camera
 * @param durationSeconds        event time per camera
 * @param pace                   {@code realtime} or {@code fast}
 * @param wallSeconds            from defining the cameras to the last clip becoming answerable (or the drain
 *                               timeout)
 * @param framesIn               frames Kafka acknowledged from the cameras
 * @param framesPerSecondIn      framesIn ÷ wallSeconds
 * @param clipsEncoded           clips the worker encoded during the trial
 * @param clipsPerSecondEncoded  clipsEncoded ÷ wallSeconds
 * @param clipsQueryable         clips of these cameras found in TokenMemory
 * @param captureToQueryableMs   per encoded frame: clip answerable − frame capture (event) time; real-time pace
 *                               only (null at fast pace, whose event time is synthetic)
 * @param lastFrameToQueryableMs per clip: answerable − capture time of its last encoded frame; real time only
 * @param ingestToQueryableMs    per clip: answerable − ingest time of its last frame (both paces)
 * @param ingestToEncodedMs      per clip: worker encode time − ingest time of its last frame
 * @param encodedToQueryableMs   per clip: answerable − worker encode time
 * @param askMs                  similarity questions over every camera while streaming, store query path
 * @param asksUnavailable        questions answered "not available" (rebalancing)
 * @param asksFailed             questions that failed otherwise
 * @param workerBatches          worker batches during the trial
 * @param meanBatchClips         clips per worker batch, mean
 * @param meanBatchFrames        frames per worker batch, mean
 * @param encoderBusy            share of the window the workers' encoder threads spent in model calls, averaged
 *                               over the workers (near 1: the model is the bottleneck); null in files from
 *                               before it was measured
 * @param framesSkippedBySampler frames decoded but not kept by ingest's fps sampler (by design, not drops)
 * @param framesDropped          kept frames ingest could not emit, by reason
 * @param clipsSampled           clips the worker encoded with temporal sampling because of lag
 * @param tokensPerClip          merged tokens per stored raw clip, mean
 * @param rawPatchTokensPerClip  patch tokens per frame × frames per clip
 * @param compressionRatio       rawPatchTokensPerClip ÷ tokensPerClip
 * @param memory                 TokenMemory bytes per camera
 * @param rss                    peak resident memory of this process and the embedded cluster's processes
 * @param backlog                backlog samples and trend
 * @param withinBound            p99 under the bound and no growing backlog (null without a bound)
 */
public record E2eTrialResult(int cameras, double fps, double durationSeconds, String pace, double wallSeconds,
                             long framesIn, double framesPerSecondIn, long clipsEncoded, double clipsPerSecondEncoded,
                             long clipsQueryable, LatencySummary captureToQueryableMs,
                             LatencySummary lastFrameToQueryableMs, LatencySummary ingestToQueryableMs,
                             LatencySummary ingestToEncodedMs, LatencySummary encodedToQueryableMs,
                             LatencySummary askMs, int asksUnavailable, int asksFailed, long workerBatches,
                             double meanBatchClips, double meanBatchFrames, Double encoderBusy,
                             long framesSkippedBySampler,
                             Map<String, Long> framesDropped, long clipsSampled, double tokensPerClip,
                             int rawPatchTokensPerClip, double compressionRatio, MemoryFootprint memory, RssPeaks rss,
                             BacklogTrend backlog, Boolean withinBound) {

    /** The p99 the capacity search compares with its bound: capture-based in real time, ingest-based when fast. */
    double gatingP99() {
        LatencySummary s = captureToQueryableMs != null ? captureToQueryableMs : ingestToQueryableMs;
        return s.p99();
    }
}
