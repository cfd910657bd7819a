package dev.vigil.bench.driver;

import dev.vigil.app.Pipeline;
import dev.vigil.ingest.camera.IngestNode;
import dev.vigil.schema.CameraConfig;
import dev.vigil.schema.registry.SchemaRegistryClient;
import dev.vigil.state.CameraStats;
import dev.vigil.state.MemoryBound;
import dev.vigil.state.StreamShape;
import dev.vigil.state.TokenMemoryConfig;
import dev.vigil.state.query.CameraStatsQuery;
import dev.vigil.topologies.memory.MemoryUnavailableException;
import io.micrometer.core.instrument.MeterRegistry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Runs one end-to-end trial on a running pipeline: defines N synthcam cameras on {@code vigil.cameras}, lets
 * them stream, waits until every clip of the measurement window is answerable in TokenMemory, reads the
 * pipeline's meters and the cameras' memory, then deletes the cameras.
 *
 * <p>The measurement window is chosen so that no counted clip is closed by the clip windows' silence flush
 * (a camera that stops is not steady state): at real-time pace the cameras keep streaming until the window
 * [definition, definition + duration] has drained, and only clips ending inside it count; at fast pace the
 * scene's last 4 s of event time (one clip plus up to 2 s of grace) are not counted.
 */
final class E2eTrial {
    /** Frames per clip in the default camera definition. */
    static final int FRAMES_PER_CLIP = 4;
    private static final long CLIP_MILLIS = 2_000;
    private static final long FAST_TAIL_MILLIS = 4_000;
    private static final Duration STALL = Duration.ofSeconds(5);

    private final Pipeline pipeline;
    private final IngestNode ingest;
    private final String bootstrapServers;
    private final SchemaRegistryClient registry;
    private final MeterRegistry meters;
    private final Map<String, Long> childProcesses;
    private final Clock clock;

    E2eTrial(Pipeline pipeline, IngestNode ingest, String bootstrapServers, SchemaRegistryClient registry,
             MeterRegistry meters, Map<String, Long> childProcesses, Clock clock) {
        this.pipeline = pipeline;
        this.ingest = ingest;
        this.bootstrapServers = bootstrapServers;
        this.registry = registry;
        this.meters = meters;
        this.childProcesses = Map.copyOf(childProcesses);
        this.clock = clock;
    }

    /**
     * @param load     cameras, rate, duration, pace
     * @param prefix   camera id prefix, unique to this trial
     * @param p99Bound the capacity bound, if one is being checked
     */
    E2eTrialResult run(E2eLoad load, String prefix, Optional<Duration> p99Bound) throws InterruptedException {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < load.cameras(); i++) {
            ids.add(prefix + "-" + i);
        }
        Set<String> idSet = Set.copyOf(ids);
        MeterReadings before = MeterReadings.read(meters, idSet);
        long fastEpoch = (clock.millis() - load.duration().toMillis() - 60_000) / CLIP_MILLIS * CLIP_MILLIS;
        List<BacklogSample> backlog = new ArrayList<>();
        try (ClipTokensTap tap = new ClipTokensTap(bootstrapServers, registry, idSet);
             QueryableProbe probe = new QueryableProbe(pipeline.memory(), ids, load.probeInterval(), clock);
             AskLoad asks = new AskLoad(pipeline.memory(), pipeline.encoder().dim(), Duration.ofHours(25), clock);
             ResourceSampler rss = new ResourceSampler(new ProcessMemory(), childProcesses)) {
            tap.start();
            probe.start();
            rss.start();
            long t0 = clock.millis();
            long nano0 = System.nanoTime();
            for (int i = 0; i < ids.size(); i++) {
                CameraConfig definition = CameraConfig.newBuilder(ingest.admin().definition(ids.get(i), url(load, i, fastEpoch)))
                        .setFps(load.fps()).build();
                ingest.admin().put(definition);
            }
            asks.start(load.askRate());
            long windowEnd = load.fast() ? fastEpoch + load.duration().toMillis() - FAST_TAIL_MILLIS
                    : t0 + load.duration().toMillis();

            // streaming: real time for the window's length; fast until the cameras stop producing
            long expectedFrames = load.cameras() * load.framesPerCamera();
            long lastProduced = -1;
            long lastProgress = System.nanoTime();
            double streamingSeconds;
            while (true) {
                Thread.sleep(1000);
                double second = (System.nanoTime() - nano0) / 1e9;
                long produced = MeterReadings.read(meters, idSet).framesProduced();
                backlog.add(new BacklogSample(second, (double) produced / FRAMES_PER_CLIP - probe.clips().size()));
                if (produced != lastProduced) {
                    lastProduced = produced;
                    lastProgress = System.nanoTime();
                }
                boolean stalled = produced > 0 && System.nanoTime() - lastProgress > STALL.toNanos();
                boolean done = load.fast() ? produced >= expectedFrames || stalled
                        : clock.millis() >= windowEnd;
                if (done || second > load.duration().toSeconds() + load.drainTimeout().toSeconds() + 120) {
                    streamingSeconds = second;
                    break;
                }
            }
            MeterReadings atStreamEnd = MeterReadings.read(meters, idSet).minus(before);
            asks.close();

            // drain: until every camera has a clip ending at or after the window's end (per-camera order is
            // kept end to end, so every earlier clip of the camera is in memory by then)
            long drainDeadline = System.nanoTime() + load.drainTimeout().toNanos();
            while (System.nanoTime() < drainDeadline && !drained(probe.clips(), idSet, windowEnd)) {
                Thread.sleep(250);
                double second = (System.nanoTime() - nano0) / 1e9;
                if (second - backlog.get(backlog.size() - 1).second() >= 1) {
                    long produced = MeterReadings.read(meters, idSet).framesProduced();
                    backlog.add(new BacklogSample(second, (double) produced / FRAMES_PER_CLIP - probe.clips().size()));
                }
            }
            boolean drainedInTime = drained(probe.clips(), idSet, windowEnd);
            MeterReadings delta = MeterReadings.read(meters, idSet).minus(before);
            List<QueryableClip> counted = probe.clips().stream().filter(c -> c.end() <= windowEnd).toList();
            long lastQueryable = counted.stream().mapToLong(QueryableClip::queryableAt).max().orElse(clock.millis());
            double wallSeconds = Math.max(1e-3, (lastQueryable - t0) / 1000.0);
            MemoryFootprint memory = footprint(ids, probe.clips(), load);
            RssPeaks peaks = rss.peaks();
            List<Double> askMillis = asks.latenciesMillis();
            ids.forEach(ingest.admin()::delete);
            return result(load, counted, tap, delta, atStreamEnd, streamingSeconds, wallSeconds, askMillis,
                    asks.unavailable(), asks.failed(), memory, peaks, backlog, p99Bound, drainedInTime);
        }
    }

    /**
     * Waits until the worker has encoded nothing for {@code quiet} (bounded by {@code timeout}), so a trial does
     * not start on the backlog of the one before.
     */
    void awaitIdle(Duration quiet, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long last = MeterReadings.read(meters, Set.of()).clipsEncoded();
        long since = System.nanoTime();
        while (System.nanoTime() < deadline && System.nanoTime() - since < quiet.toNanos()) {
            Thread.sleep(500);
            long now = MeterReadings.read(meters, Set.of()).clipsEncoded();
            if (now != last) {
                last = now;
                since = System.nanoTime();
            }
        }
    }

    private static boolean drained(List<QueryableClip> clips, Set<String> cameras, long windowEnd) {
        Set<String> done = clips.stream().filter(c -> c.end() >= windowEnd).map(QueryableClip::cameraId)
                .collect(Collectors.toSet());
        return done.containsAll(cameras);
    }

    private static String url(E2eLoad load, int index, long fastEpoch) {
        String fps = String.format(Locale.ROOT, "%s", load.fps());
        if (load.fast()) {
            return "synthcam://" + (index + 1) + "?pace=fast&fps=" + fps + "&duration=" + load.duration().toSeconds()
                    + "s&epoch=" + Instant.ofEpochMilli(fastEpoch);
        }
        // real time: event time follows the clock from the camera's start; the scene outlasts the window and
        // the drain, so no counted clip is cut short by the camera ending
        long seconds = load.duration().toSeconds() + load.drainTimeout().toSeconds() + 60;
        return "synthcam://" + (index + 1) + "?pace=realtime&fps=" + fps + "&duration=" + seconds + "s";
    }

    private MemoryFootprint footprint(List<String> ids, List<QueryableClip> clips, E2eLoad load) {
        double bytes = 0;
        double seconds = 0;
        double other = 0;
        int measured = 0;
        for (String id : ids) {
            try {
                CameraStats stats = pipeline.memory().askLocal(id, new CameraStatsQuery(id));
                if (stats.entries() == 0) {
                    continue;
                }
                bytes += stats.approximateBytes();
                seconds += (stats.newestEnd() - stats.oldestStart()) / 1000.0;
                other += stats.approximateBytes() - stats.bytesByTier().stream().mapToLong(Long::longValue).sum();
                measured++;
            } catch (MemoryUnavailableException e) {
                // rebalancing: this camera is left out of the mean
            }
        }
        int keyframeMax = clips.stream().mapToInt(QueryableClip::keyframeBytes).max().orElse(0);
        int tokens = (int) Math.round(clips.stream().mapToInt(QueryableClip::tokenCount).average().orElse(0));
        if (measured == 0) {
            return new MemoryFootprint(0, 0, 0, 0, keyframeMax, 0);
        }
        double meanBytes = bytes / measured;
        double meanSeconds = seconds / measured;
        // summary + temporal state: the bound counts the temporal state separately, so hand it what we saw
        int stateBytes = (int) Math.max(0, Math.round(other / measured));
        long bound = MemoryBound.bytesPerCamera(TokenMemoryConfig.defaults(), pipeline.encoder().dim(),
                new StreamShape(load.fps(), FRAMES_PER_CLIP, Math.max(1, tokens), keyframeMax, stateBytes));
        return new MemoryFootprint(measured, meanBytes, meanSeconds,
                meanSeconds > 0 ? meanBytes * 3600 / meanSeconds : 0, keyframeMax, bound);
    }

    private E2eTrialResult result(E2eLoad load, List<QueryableClip> counted, ClipTokensTap tap, MeterReadings delta,
                                  MeterReadings atStreamEnd, double streamingSeconds, double wallSeconds,
                                  List<Double> askMillis, int asksUnavailable, int asksFailed, MemoryFootprint memory,
                                  RssPeaks peaks, List<BacklogSample> backlog, Optional<Duration> p99Bound,
                                  boolean drainedInTime) {
        List<Double> perFrame = new ArrayList<>();
        List<Double> lastFrame = new ArrayList<>();
        List<Double> ingestToQueryable = new ArrayList<>();
        List<Double> ingestToEncoded = new ArrayList<>();
        List<Double> encodedToQueryable = new ArrayList<>();
        for (QueryableClip c : counted) {
            if (!load.fast()) {
                for (long t : c.frameTimes()) {
                    perFrame.add((double) (c.queryableAt() - t));
                }
                if (c.frameTimes().length > 0) {
                    lastFrame.add((double) (c.queryableAt() - c.frameTimes()[c.frameTimes().length - 1]));
                }
            }
            TappedClip t = tap.clip(c.cameraId(), c.clipIndex());
            if (t != null) {
                ingestToQueryable.add((double) (c.queryableAt() - t.ingestTime()));
                ingestToEncoded.add((double) (t.encodeTime() - t.ingestTime()));
                encodedToQueryable.add((double) (c.queryableAt() - t.encodeTime()));
            }
        }
        double tokensPerClip = counted.stream().mapToInt(QueryableClip::tokenCount).average().orElse(Double.NaN);
        int raw = pipeline.encoder().bundle().vision().config().tokensPerFrame() * FRAMES_PER_CLIP;
        double arrival = load.cameras() * load.fps() / FRAMES_PER_CLIP;
        BacklogTrend trend = BacklogTrend.of(backlog, load.fast() ? streamingSeconds : load.duration().toSeconds(),
                arrival);
        LatencySummary capture = load.fast() ? null : LatencySummary.of(perFrame);
        LatencySummary ingestLatency = LatencySummary.of(ingestToQueryable);
        Boolean within = null;
        if (p99Bound.isPresent()) {
            double p99 = (capture != null ? capture : ingestLatency).p99();
            within = drainedInTime && !trend.growing() && !counted.isEmpty() && p99 <= p99Bound.get().toMillis();
        }
        // at real-time pace the cameras go on streaming through the drain: rates are taken over the window
        double framesSeconds = load.fast() ? Math.max(1e-3, streamingSeconds) : load.duration().toMillis() / 1000.0;
        long framesIn = load.fast() ? delta.framesProduced() : atStreamEnd.framesProduced();
        long encoded = load.fast() ? delta.clipsEncoded() : atStreamEnd.clipsEncoded();
        double encodeSeconds = load.fast() ? wallSeconds : framesSeconds;
        return new E2eTrialResult(load.cameras(), load.fps(), load.duration().toMillis() / 1000.0, load.pace(),
                wallSeconds, framesIn, framesIn / framesSeconds, encoded, encoded / encodeSeconds, counted.size(), capture,
                load.fast() ? null : LatencySummary.of(lastFrame), ingestLatency, LatencySummary.of(ingestToEncoded),
                LatencySummary.of(encodedToQueryable), LatencySummary.of(askMillis), asksUnavailable, asksFailed,
                delta.batches(), delta.batches() == 0 ? 0 : delta.batchClipsTotal() / delta.batches(),
                delta.batches() == 0 ? 0 : delta.batchFramesTotal() / delta.batches(),
                (load.fast() ? delta.encodeSeconds() : atStreamEnd.encodeSeconds()) / encodeSeconds
                        / pipeline.encoderWorkers(),
                delta.framesIn() - delta.framesOut(), delta.framesDropped(), delta.clipsSampled(), tokensPerClip, raw,
                raw / tokensPerClip, memory, peaks, trend, within);
    }
}
