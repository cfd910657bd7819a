package dev.vigil.ingest;

import java.time.Clock;

import dev.vigil.ingest.ffmpeg.FfmpegOptions;
import dev.vigil.ingest.ffmpeg.FfmpegSource;
import dev.vigil.ingest.synthcam.GroundTruthSink;
import dev.vigil.ingest.synthcam.SynthcamSource;
import dev.vigil.ingest.synthcam.SynthcamSpec;

/**
 * Picks the source for a camera URL: {@code synthcam://} gives a {@link SynthcamSource}, anything else an
 * {@link FfmpegSource} (which fails cleanly, state FAILED, on a scheme it does not support).
 */
public final class CameraSources {

    private final FfmpegOptions ffmpegOptions;
    private final GroundTruthSink groundTruth;
    private final Clock clock;

    /**
     * @param ffmpegOptions settings for stream and file cameras
     * @param groundTruth   where synthetic cameras report their ground-truth events
     */
    public CameraSources(FfmpegOptions ffmpegOptions, GroundTruthSink groundTruth, Clock clock) {
        this.ffmpegOptions = ffmpegOptions;
        this.groundTruth = groundTruth;
        this.clock = clock;
    }

    /**
     * Live-camera defaults ({@link FfmpegOptions#defaults}: TCP, 10 s timeouts, reconnect for ever, files in
     * real time) with synthetic ground truth written to the debug log of {@code dev.vigil.ingest.groundtruth}.
     */
    public static CameraSources standard(Clock clock) {
        return standard(clock, GroundTruthSink.discard());
    }

    /** {@link #standard(Clock)} that also hands synthetic ground truth to {@code groundTruth} (e.g. a file log). */
    public static CameraSources standard(Clock clock, GroundTruthSink groundTruth) {
        org.slf4j.Logger truth = org.slf4j.LoggerFactory.getLogger("dev.vigil.ingest.groundtruth");
        GroundTruthSink debug = (camera, e) -> truth.debug("{} {}", camera, e.toJsonLine());
        return new CameraSources(FfmpegOptions.defaults(new java.util.SplittableRandom()), debug.andThen(groundTruth),
                clock);
    }

    /** The same sources with files played at {@code pacing} (real time, or as fast as the pipeline takes them). */
    public CameraSources withFilePacing(dev.vigil.ingest.ffmpeg.Pacing pacing) {
        return new CameraSources(ffmpegOptions.withFilePlayback(pacing, ffmpegOptions.fileEpoch()), groundTruth, clock);
    }

    /**
     * The same sources with another frame watchdog bound for stream cameras.
     *
     * @throws IllegalArgumentException when {@code stallAfter} is below 500 ms (the message says so)
     */
    public CameraSources withStallAfter(java.time.Duration stallAfter) {
        return new CameraSources(ffmpegOptions.withStallAfter(stallAfter), groundTruth, clock);
    }

    /** A source for {@code url}; never throws for a bad URL (the source reports FAILED with the reason). */
    public CameraSource open(String cameraId, String url) {
        RedactedUrl safe = new RedactedUrl(url);
        if (safe.scheme().equals("synthcam")) {
            try {
                return new SynthcamSource(cameraId, SynthcamSpec.parse(url), e -> groundTruth.record(cameraId, e), clock);
            } catch (IllegalArgumentException e) {
                return new FailedSource(cameraId, safe.toString(), "bad synthcam URL: " + safe.scrub(e.getMessage()),
                        clock);
            }
        }
        return new FfmpegSource(cameraId, safe, ffmpegOptions, clock);
    }
}
