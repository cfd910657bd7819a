package dev.vigil.bench.driver;

import dev.vigil.app.BundleLocation;
import dev.vigil.app.Pipeline;
import dev.vigil.app.VigilCluster;
import dev.vigil.ingest.CameraSources;
import dev.vigil.ingest.camera.IngestNode;
import dev.vigil.ingest.camera.IngestSettings;
import dev.vigil.models.runtime.CpuThreads;
import dev.vigil.state.TokenMemoryConfig;
import dev.vigil.worker.WorkerConfig;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code vigil bench e2e}: N synthcam cameras through the whole pipeline — ingest, clip windows, an encoder
 * worker, TokenMemory — on an embedded cluster (or a given one), measuring throughput, capture→queryable and
 * ask latency, batching, drops, memory and compression; optionally searching for the largest camera count that
 * keeps capture→queryable p99 under a bound. Writes a JSON report and prints a one-screen summary.
 */
@Command(name = "e2e", mixinStandardHelpOptions = true,
        description = "End-to-end load: synthcam cameras through ingest, clip windows, encoder and TokenMemory.")
public final class BenchE2eCommand implements Callable<Integer> {

    static final Map<String, String> DEFINITIONS = definitions();

    @Option(names = "--cameras", defaultValue = "1", description = "Synthetic cameras (default: ${DEFAULT-VALUE}; the start of --find-capacity).")
    int cameras;

    @Option(names = "--fps", defaultValue = "2", description = "Frames per second each camera renders and keeps (default: ${DEFAULT-VALUE}).")
    double fps;

    @Option(names = "--duration", defaultValue = "30s", converter = DurationOption.class,
            description = "Event time per camera, e.g. 30s, 5m (default: ${DEFAULT-VALUE}); at real-time pace also the measurement window.")
    Duration duration;

    @Option(names = "--speed", defaultValue = "realtime",
            description = "realtime (event time follows the clock) or fast (synthcam pace=fast: frames as fast as"
                    + " they are rendered, event time in the past) (default: ${DEFAULT-VALUE}).")
    String speed;

    @Option(names = "--json", required = true, description = "Where to write the JSON report.")
    Path json;

    @Option(names = "--kafka", description = "Use this Kafka (HOST:PORT) instead of starting one; needs --registry.")
    String kafka;

    @Option(names = "--registry", description = "Schema registry URL (Confluent API) that goes with --kafka.")
    String registry;

    @Option(names = "--bundle", description = "Model bundle folder (default: the built-in synthcam-tiny, else an untrained stand-in).")
    Path bundle;

    @Option(names = "--arch", description = "Instead of a bundle, a seeded random-weight bundle of this shape (siglip-b16,"
            + " siglip-so400m, synthcam-tiny): for speed, memory and compression at that shape; its answers mean nothing.")
    String arch;

    @Option(names = "--data", description = "Folder for the embedded cluster and Streams state (default: a temporary folder, deleted afterwards).")
    Path data;

    @Option(names = "--find-capacity", description = "Search for the largest camera count within --p99-bound.")
    boolean findCapacity;

    @Option(names = "--p99-bound", defaultValue = "5s", converter = DurationOption.class,
            description = "The capture->queryable p99 bound of --find-capacity (default: ${DEFAULT-VALUE}).")
    Duration p99Bound;

    @Option(names = "--max-trials", defaultValue = "8", description = "Trials the capacity search may run (default: ${DEFAULT-VALUE}).")
    int maxTrials;

    @Option(names = "--max-cameras", defaultValue = "512", description = "Largest camera count tried (default: ${DEFAULT-VALUE}).")
    int maxCameras;

    @Option(names = "--capacity-budget", defaultValue = "30m", converter = DurationOption.class,
            description = "Time after which the capacity search starts no new trial (default: ${DEFAULT-VALUE}).")
    Duration capacityBudget;

    @Option(names = "--probe-interval", defaultValue = "100ms", converter = DurationOption.class,
            description = "How often TokenMemory is asked for new clips; the latency resolution (default: ${DEFAULT-VALUE}).")
    Duration probeInterval;

    @Option(names = "--ask-rate", defaultValue = "2", description = "Similarity questions per second while streaming (default: ${DEFAULT-VALUE}).")
    double askRate;

    @Option(names = "--encoder-workers", defaultValue = "0",
            description = "Encoder workers in the pipeline, each with cores/N PyTorch threads (default: one per core,"
                    + " up to the clip partitions).")
    int encoderWorkers;

    @Option(names = "--warmup", defaultValue = "20s", converter = DurationOption.class,
            description = "Unmeasured streaming with --cameras before the first trial, so that no trial pays for JIT"
                    + " compilation and first model calls; 0s skips it (default: ${DEFAULT-VALUE}).")
    Duration warmup;

    @Option(names = "--drain-timeout", defaultValue = "60s", converter = DurationOption.class,
            description = "Longest wait for the window's last clips to become queryable (default: ${DEFAULT-VALUE}).")
    Duration drainTimeout;

    @Override
    public Integer call() {
        boolean fast;
        try {
            fast = pace(speed);
            if (cameras < 1 || !(fps > 0) || duration.toMillis() < 4_000 || (kafka == null) != (registry == null)
                    || warmup.isNegative() || (!warmup.isZero() && warmup.toMillis() < 8_000) || encoderWorkers < 0) {
                throw new IllegalArgumentException("need --cameras >= 1, --fps > 0, --duration >= 4s, --warmup 0s or"
                        + " >= 8s, and --kafka with --registry (both or neither)");
            }
            if (fast && duration.toMillis() < 8_000) {
                throw new IllegalArgumentException("at fast pace --duration must be >= 8s: the last 4 s of a scene are"
                        + " not counted");
            }
            if (arch != null && bundle != null) {
                throw new IllegalArgumentException("--arch and --bundle are alternatives: give one");
            }
            if (arch != null) {
                EncoderArch.named(arch); // an unknown name fails here, with the known ones
            }
            if (findCapacity && fast) {
                throw new IllegalArgumentException("--find-capacity needs real-time pace: at fast pace every camera"
                        + " count saturates the pipeline by design");
            }
        } catch (IllegalArgumentException e) {
            System.err.println("vigil bench e2e: " + e.getMessage());
            return 2;
        }
        MachineInfo machine = MachineInfo.now();
        try (ScratchFolder dir = ScratchFolder.of(data, "vigil-bench-e2e")) {
            E2eReport report = run(dir.path(), fast, machine);
            new BenchJson().write(report, json);
            print(report);
            return report.trials().isEmpty() ? 1 : 0;
        } catch (IOException e) {
            System.err.println("vigil bench e2e: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            System.err.println("vigil bench e2e: interrupted");
            return 1;
        } catch (RuntimeException e) {
            System.err.println("vigil bench e2e failed: " + e);
            return 1;
        }
    }

    private E2eReport run(Path dir, boolean fast, MachineInfo machine) throws IOException, InterruptedException {
        Clock clock = Clock.systemUTC();
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        meters.config().meterFilter(new BatchSizePercentiles(Duration.ofHours(24)));
        String runId = Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);
        Path bundleDir = arch != null ? EncoderBench.writeBundle(EncoderArch.named(arch).shape(), dir.resolve("bundle-" + arch))
                : BundleLocation.resolve(Optional.ofNullable(bundle), dir);
        String source = arch != null ? "seeded " + EncoderArch.named(arch).label() + " (random weights)"
                : bundle != null ? "given" : bundleDir.startsWith(dir) ? "untrained stand-in" : "built-in synthcam-tiny";
        List<String> notes = new ArrayList<>();
        notes.add("load average at start " + machine.loadAverage() + " on " + machine.cores()
                + " cores; timings on a shared machine are noisy");
        if (source.equals("untrained stand-in")) {
            notes.add("no trained synthcam-tiny bundle in models/bundles: ran SeededBundleWriter's synthcamTiny shape with"
                    + " seeded random weights (same shapes and costs, meaningless answers)");
        }
        try (VigilCluster cluster = kafka != null ? VigilCluster.external(kafka, registry) : VigilCluster.embedded(dir.resolve("cluster"))) {
            if (!cluster.embedded()) {
                notes.add("external cluster: worker-wide counters (clips encoded, batches) include any other cameras on it,"
                        + " and RSS covers this process only");
            }
            int cores = Runtime.getRuntime().availableProcessors();
            CpuThreads threads = encoderWorkers == 0 ? Pipeline.Settings.defaultThreads(VigilCluster.PARTITIONS)
                    : new CpuThreads(encoderWorkers, Math.max(1, cores / encoderWorkers));
            notes.add(String.format(Locale.ROOT, "%d encoder worker(s) in this process, %d PyTorch thread(s) each, on %d"
                    + " cores", threads.workers(), threads.threadsPerCall(), cores));
            Pipeline pipeline = Pipeline.start(new Pipeline.Settings(cluster.bootstrapServers(), cluster.registryClient(),
                    dir.resolve("streams-" + runId), bundleDir, WorkerConfig.defaults("bench-" + runId), new HostInfo("127.0.0.1", 1),
                    TokenMemoryConfig.defaults(), threads), meters, clock);
            try (pipeline;
                 IngestNode ingest = IngestNode.start(IngestSettings.of(cluster.bootstrapServers(), cluster.registryUrl())
                         .withGroup("vigil-bench-" + runId), CameraSources.standard(clock), meters, clock)) {
                awaitRunning(pipeline, Duration.ofMinutes(2));
                E2eTrial trial = new E2eTrial(pipeline, ingest, cluster.bootstrapServers(), cluster.registryClient(),
                        meters, cluster.childProcesses(), clock);
                E2eLoad load = new E2eLoad(cameras, fps, duration, fast, probeInterval, askRate, drainTimeout);
                List<E2eTrialResult> trials = new ArrayList<>();
                CapacityResult capacity = null;
                Optional<Duration> bound = findCapacity ? Optional.of(p99Bound) : Optional.empty();
                if (!warmup.isZero()) {
                    System.out.printf(Locale.ROOT, "warm-up: %d cameras for %d s (not counted)%n", cameras,
                            warmup.toSeconds());
                    trial.run(load.withDuration(warmup), "bench-" + runId + "-warmup", Optional.empty());
                    trial.awaitIdle(Duration.ofSeconds(3), Duration.ofMinutes(2));
                }
                if (findCapacity) {
                    int[] counter = {0};
                    capacity = new CapacitySearch(maxTrials, maxCameras, capacityBudget).search(cameras, p99Bound.toMillis(), n -> {
                        trial.awaitIdle(Duration.ofSeconds(3), Duration.ofMinutes(2));
                        E2eTrialResult r = trial.run(load.withCameras(n), "bench-" + runId + "-t" + counter[0]++, bound);
                        trials.add(r);
                        System.out.printf(Locale.ROOT, "trial %d: %d cameras, p99 %.0f ms, backlog slope %.2f clips/s -> %s%n",
                                trials.size(), n, r.gatingP99(), r.backlog().slopeClipsPerSecond(),
                                Boolean.TRUE.equals(r.withinBound()) ? "within bound" : "over");
                        return Boolean.TRUE.equals(r.withinBound());
                    });
                } else {
                    trials.add(trial.run(load, "bench-" + runId + "-t0", bound));
                }
                return new E2eReport("e2e", commandLine(), machine, cluster.embedded() ? "embedded" : "external",
                        bundleDir.toString(), source, pipeline.modelId(), DEFINITIONS, trials, capacity,
                        percentiles(meters, "vigil.worker.batch.clips"), percentiles(meters, "vigil.worker.batch.frames"),
                        MachineInfo.currentLoadAverage(), notes);
            }
        }
    }

    /** Trials start on a running Streams application, so the first clips do not wait for its first rebalance. */
    private static void awaitRunning(Pipeline pipeline, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (pipeline.streams().state() != KafkaStreams.State.RUNNING
                && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
    }

    private static boolean pace(String speed) {
        return switch (speed.trim().toLowerCase(Locale.ROOT)) {
            case "realtime", "real-time", "1", "1x" -> false;
            case "fast", "max" -> true;
            default -> throw new IllegalArgumentException("--speed must be realtime or fast (synthcam has no other pace),"
                    + " got '" + speed + "'");
        };
    }

    private static Map<String, Double> percentiles(MeterRegistry meters, String name) {
        Map<String, Double> out = new LinkedHashMap<>();
        DistributionSummary summary = meters.find(name).summary();
        if (summary == null) {
            return out;
        }
        var snapshot = summary.takeSnapshot();
        for (ValueAtPercentile v : snapshot.percentileValues()) {
            out.put("p" + Math.round(v.percentile() * 100), v.value());
        }
        out.put("max", snapshot.max());
        out.put("mean", snapshot.mean());
        out.put("count", (double) snapshot.count());
        return out;
    }

    private String commandLine() {
        StringBuilder b = new StringBuilder("vigil bench e2e --cameras ").append(cameras).append(" --fps ").append(fps)
                .append(" --duration ").append(duration.toMillis() / 1000.0).append("s --speed ").append(speed);
        if (kafka != null) {
            b.append(" --kafka ").append(kafka).append(" --registry ").append(registry);
        }
        if (bundle != null) {
            b.append(" --bundle ").append(bundle);
        }
        if (arch != null) {
            b.append(" --arch ").append(arch);
        }
        if (findCapacity) {
            b.append(" --find-capacity --p99-bound ").append(p99Bound.toMillis()).append("ms --max-trials ").append(maxTrials);
        }
        if (encoderWorkers > 0) {
            b.append(" --encoder-workers ").append(encoderWorkers);
        }
        return b.append(" --warmup ").append(warmup.toSeconds()).append("s --json ").append(json).toString();
    }

    private static Map<String, String> definitions() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("queryable", "a clip is answerable at the wall-clock time of the first TokenMemory query that returns it:"
                + " a TimeRangeQuery per camera through the pipeline's MemoryQueries.askLocal (Kafka Streams interactive"
                + " queries, the API's path), repeated every --probe-interval; late by at most one interval plus a query round");
        d.put("captureToQueryableMs", "real-time pace only: for every encoded frame, queryable time minus the frame's"
                + " capture (event) time; includes waiting for the rest of its 2 s clip and the clip windows' grace (none by default)");
        d.put("lastFrameToQueryableMs", "real-time pace only: per clip, queryable time minus the capture time of its last"
                + " encoded frame");
        d.put("ingestToQueryableMs", "per clip, queryable time minus the ingest time of its last frame (Clip.ingestTime,"
                + " read from vigil.clip-tokens); the latency that means something at fast pace, whose event time is synthetic");
        d.put("ingestToEncodedMs", "per clip, ClipTokens.encodeTime minus the ingest time of its last frame");
        d.put("encodedToQueryableMs", "per clip, queryable time minus ClipTokens.encodeTime (transaction commit, Streams"
                + " consume, TokenMemory put, probe delay)");
        d.put("askMs", "a top-10 SimilarityQuery over all cameras with a seeded random embedding through"
                + " MemoryQueries.similarLocal while the cameras stream; store query path only: no HTTP, no text tower, no LLM");
        d.put("window", "real time: clips ending within [cameras defined, + duration], cameras keep streaming until they"
                + " are in memory; fast: every clip but the scene's last 4 s of event time (closed by the silence flush)");
        d.put("framesPerSecondIn", "frames acknowledged by Kafka from these cameras per second of the window"
                + " (real time) or of the streaming phase (fast)");
        d.put("clipsPerSecondEncoded", "vigil.worker.clips.encoded per second over the same span (fast: until the last"
                + " counted clip is queryable)");
        d.put("encoderBusy", "vigil.worker.encode.time (the encoder threads' batched model calls) over the same span"
                + " as clipsPerSecondEncoded, divided by it and by the number of encoder workers: near 1 means the model,"
                + " not Kafka or decoding, sets the pace");
        d.put("compressionRatio", "patch tokens per frame x 4 frames / merged tokens stored per raw clip");
        d.put("memory.bytesPerCameraHour", "CameraStatsQuery approximateBytes / event time covered, scaled to 1 h");
        d.put("memory.boundBytesPerCameraDay", "MemoryBound.bytesPerCamera with default tiers (24 h retention) for the"
                + " measured tokens per clip, keyframe size and per-camera state bytes");
        return Map.copyOf(d);
    }

    private static void print(E2eReport r) {
        System.out.printf(Locale.ROOT, "vigil bench e2e: model %s (%s), %s cluster, load %s -> %s%n", r.modelId(),
                r.bundleSource(), r.cluster(), r.machine().loadAverage(), r.loadAverageEnd());
        for (E2eTrialResult t : r.trials()) {
            System.out.printf(Locale.ROOT, "  %d cameras x %.1f fps, %.0f s %s: in %.1f frames/s, encoded %.2f clips/s,"
                            + " %d clips queryable%n", t.cameras(), t.fps(), t.durationSeconds(), t.pace(),
                    t.framesPerSecondIn(), t.clipsPerSecondEncoded(), t.clipsQueryable());
            if (t.captureToQueryableMs() != null) {
                line("capture->queryable (per frame)", t.captureToQueryableMs());
            }
            line("ingest->queryable (per clip)", t.ingestToQueryableMs());
            line("ask (similarity, store path)", t.askMs());
            System.out.printf(Locale.ROOT, "    batches %d: %.1f clips / %.1f frames mean, encoder busy %.0f%%; skipped by"
                            + " sampler %d, dropped %s, clips sampled %d%n", t.workerBatches(), t.meanBatchClips(),
                    t.meanBatchFrames(), 100 * t.encoderBusy(),
                    t.framesSkippedBySampler(), t.framesDropped(), t.clipsSampled());
            System.out.printf(Locale.ROOT, "    tokens/clip %.1f (raw %d, %.1fx); memory %.0f B/camera-hour (linear), bound"
                            + " %.1f MiB/camera-day; RSS peak %.0f MiB total %s%n", t.tokensPerClip(),
                    t.rawPatchTokensPerClip(), t.compressionRatio(), t.memory().bytesPerCameraHour(),
                    t.memory().boundBytesPerCameraDay() / 1048576.0, t.rss().peakTotalBytes() / 1048576.0,
                    t.rss().peakBytesByProcess());
            System.out.printf(Locale.ROOT, "    backlog slope %.2f clips/s (arrival %.2f)%s%n", t.backlog().slopeClipsPerSecond(),
                    t.backlog().arrivalClipsPerSecond(), t.backlog().growing() ? " GROWING" : "");
        }
        if (r.capacity() != null) {
            System.out.printf(Locale.ROOT, "  capacity: %d cameras within p99 %d ms (first failing: %s; %d trials, %s)%n",
                    r.capacity().cameras(), r.capacity().p99BoundMillis(), r.capacity().firstFailing(),
                    r.capacity().trials(), r.capacity().stoppedBecause());
        }
    }

    private static void line(String what, LatencySummary s) {
        System.out.printf(Locale.ROOT, "    %-32s p50 %7.0f  p95 %7.0f  p99 %7.0f ms  (n=%d)%n", what, s.p50(), s.p95(),
                s.p99(), s.count());
    }

}
