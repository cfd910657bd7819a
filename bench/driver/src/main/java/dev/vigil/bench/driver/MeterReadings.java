package dev.vigil.bench.driver;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The pipeline's own counters, read at one moment for the benchmark's cameras: ingest per camera
 * ({@code vigil.ingest.*}, tag {@code camera}) and the encoder worker ({@code vigil.worker.*}, whole worker).
 * Two readings subtract to what happened between them.
 *
 * @param framesIn          frames decoded from the cameras
 * @param framesOut         frames the sampler kept
 * @param framesProduced    frames Kafka acknowledged
 * @param framesDropped     kept frames that could not be emitted, by reason
 * @param clipsEncoded      clips the worker encoded
 * @param clipsSampled      clips encoded with temporal sampling because of lag
 * @param batches           worker batches
 * @param batchClipsTotal   clips over all batches
 * @param batchFramesTotal  frames over all batches
 * @param encodeSeconds     time the worker's encoder thread spent in model calls
 */
record MeterReadings(long framesIn, long framesOut, long framesProduced, Map<String, Long> framesDropped,
                     long clipsEncoded, long clipsSampled, long batches, double batchClipsTotal,
                     double batchFramesTotal, double encodeSeconds) {

    static MeterReadings read(MeterRegistry registry, Set<String> cameras) {
        Map<String, Long> dropped = new TreeMap<>();
        for (Counter c : registry.find("vigil.ingest.frames.dropped").counters()) {
            if (cameras.contains(c.getId().getTag("camera"))) {
                dropped.merge(c.getId().getTag("reason"), (long) c.count(), Long::sum);
            }
        }
        DistributionSummary clips = registry.find("vigil.worker.batch.clips").summary();
        DistributionSummary frames = registry.find("vigil.worker.batch.frames").summary();
        Timer encode = registry.find("vigil.worker.encode.time").timer();
        return new MeterReadings(cameraSum(registry, "vigil.ingest.frames.in", cameras),
                cameraSum(registry, "vigil.ingest.frames.out", cameras),
                cameraSum(registry, "vigil.ingest.frames.produced", cameras), dropped,
                total(registry, "vigil.worker.clips.encoded"), total(registry, "vigil.worker.clips.sampled"),
                clips == null ? 0 : clips.count(), clips == null ? 0 : clips.totalAmount(),
                frames == null ? 0 : frames.totalAmount(),
                encode == null ? 0 : encode.totalTime(TimeUnit.NANOSECONDS) / 1e9);
    }

    /** What happened between {@code earlier} and this reading. */
    MeterReadings minus(MeterReadings earlier) {
        Map<String, Long> dropped = new TreeMap<>(framesDropped);
        earlier.framesDropped.forEach((reason, n) -> dropped.merge(reason, -n, Long::sum));
        return new MeterReadings(framesIn - earlier.framesIn, framesOut - earlier.framesOut,
                framesProduced - earlier.framesProduced, dropped, clipsEncoded - earlier.clipsEncoded,
                clipsSampled - earlier.clipsSampled, batches - earlier.batches, batchClipsTotal - earlier.batchClipsTotal,
                batchFramesTotal - earlier.batchFramesTotal, encodeSeconds - earlier.encodeSeconds);
    }

    long droppedTotal() {
        return framesDropped.values().stream().mapToLong(Long::longValue).sum();
    }

    private static long cameraSum(MeterRegistry registry, String name, Set<String> cameras) {
        return (long) registry.find(name).counters().stream()
                .filter(c -> cameras.contains(c.getId().getTag("camera")))
                .mapToDouble(Counter::count).sum();
    }

    private static long total(MeterRegistry registry, String name) {
        return (long) registry.find(name).counters().stream().mapToDouble(Counter::count).sum();
    }
}
