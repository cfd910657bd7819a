package dev.vigil.bench.niah;

import dev.vigil.app.Pipeline;
import dev.vigil.app.VigilCluster;
import dev.vigil.ingest.CameraSources;
import dev.vigil.ingest.camera.IngestNode;
import dev.vigil.ingest.camera.IngestSettings;
import dev.vigil.ingest.synthcam.GroundTruthEvent;
import dev.vigil.models.clip.ClipEncoder;
import dev.vigil.state.CameraStats;
import dev.vigil.state.TokenMemoryConfig;
import dev.vigil.training.synthcam.VisitLog;
import dev.vigil.state.query.CameraStatsQuery;
import dev.vigil.topologies.memory.MemoryQueries;
import dev.vigil.topologies.memory.MemoryUnavailableException;
import dev.vigil.worker.WorkerConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.streams.state.HostInfo;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.TreeMap;
import java.util.function.LongConsumer;
import java.util.stream.Collectors;

/**
 * The real pipeline a NIAH haystack is streamed through: a Kafka broker and schema registry (started here, or
 * given), vigil's Streams application (clip windows, TokenMemory) and encoder workers ({@link Pipeline}, as
 * {@code vigil up} runs them), and an ingest node whose synthetic cameras hand their ground truth to this class.
 *
 * <p>A haystack is one synthcam camera at {@code pace=fast}: frames as fast as they render, event time from an
 * epoch in the past, so the haystack outruns the encoder and queues in Kafka. The workers run with test-time
 * sampling off ({@link WorkerConfig#withLagBound}): that lag is the benchmark's, not a live camera's, and a live
 * 2 fps camera has every frame encoded.
 */
public final class HaystackPipeline implements AutoCloseable {
    /** A stalled haystack (nothing new queryable for this long) is an error, not a wait. */
    private static final Duration STALL = Duration.ofMinutes(3);

    private final VigilCluster cluster;
    private final Pipeline pipeline;
    private final IngestNode ingest;
    private final Map<String, List<GroundTruthEvent>> groundTruth;
    private final Clock clock;

    private HaystackPipeline(VigilCluster cluster, Pipeline pipeline, IngestNode ingest,
                             Map<String, List<GroundTruthEvent>> groundTruth, Clock clock) {
        this.cluster = cluster;
        this.pipeline = pipeline;
        this.ingest = ingest;
        this.groundTruth = groundTruth;
        this.clock = clock;
    }

    /**
     * Starts everything and waits until the Streams application runs.
     *
     * @param cluster the broker and registry (closed with this pipeline, or here if starting fails)
     * @param dir     Kafka Streams state
     * @param bundle  the model bundle folder
     */
    public static HaystackPipeline start(VigilCluster cluster, Path dir, Path bundle) {
        return start(cluster, dir, bundle, false);
    }

    /**
     * As {@link #start(VigilCluster, Path, Path)}, with test-time temporal sampling on (the workers' default lag
     * bound, as a live worker runs) when {@code sampling} is true.
     */
    public static HaystackPipeline start(VigilCluster cluster, Path dir, Path bundle, boolean sampling) {
        Clock clock = Clock.systemUTC();
        String run = Long.toString(System.currentTimeMillis(), 36);
        Map<String, List<GroundTruthEvent>> groundTruth = new ConcurrentHashMap<>();
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        Pipeline pipeline = null;
        IngestNode ingest = null;
        try {
            pipeline = Pipeline.start(new Pipeline.Settings(cluster.bootstrapServers(), cluster.registryClient(),
                    dir.resolve("streams-" + run), bundle,
                    sampling ? WorkerConfig.defaults("niah-" + run)
                            : WorkerConfig.defaults("niah-" + run).withLagBound(Long.MAX_VALUE), new HostInfo("127.0.0.1", 1),
                    TokenMemoryConfig.defaults(), Pipeline.Settings.defaultThreads(VigilCluster.PARTITIONS)), meters, clock);
            ingest = IngestNode.start(IngestSettings.of(cluster.bootstrapServers(), cluster.registryUrl())
                            .withGroup("vigil-niah-" + run),
                    CameraSources.standard(clock, (camera, event) -> groundTruth
                            .computeIfAbsent(camera, c -> new CopyOnWriteArrayList<>()).add(event)),
                    meters, clock);
            if (!pipeline.awaitRunning(Duration.ofMinutes(2))) {
                throw new IllegalStateException("the Streams application did not start within 2 minutes (state "
                        + pipeline.streams().state() + ")");
            }
            return new HaystackPipeline(cluster, pipeline, ingest, groundTruth, clock);
        } catch (RuntimeException | InterruptedException e) {
            // everything started so far, the cluster included, goes: a failed start leaves no processes behind
            if (ingest != null) {
                ingest.close();
            }
            if (pipeline != null) {
                pipeline.close();
            }
            cluster.close();
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting", e);
            }
            throw (RuntimeException) e;
        }
    }

    /**
     * Streams one haystack camera and waits until TokenMemory holds its last clip.
     *
     * @param cameraId  a camera id not used before in this pipeline
     * @param url       the synthcam URL ({@code pace=fast}, an epoch in the past)
     * @param lastFrame event time of the haystack's last frame
     * @param progress  told the event time (millis after the first frame) queryable so far, now and then
     * @return the camera's ground-truth events, in order
     */
    public List<GroundTruthEvent> stream(String cameraId, String url, Instant firstFrame, Instant lastFrame,
                                  LongConsumer progress) throws InterruptedException {
        ingest.admin().put(cameraId, url);
        long lastSeen = -1;
        long lastChange = System.nanoTime();
        while (true) {
            Thread.sleep(500);
            long newestEnd = newestEnd(cameraId);
            if (newestEnd != lastSeen) {
                lastSeen = newestEnd;
                lastChange = System.nanoTime();
                progress.accept(Math.max(0, newestEnd - firstFrame.toEpochMilli()));
            }
            if (newestEnd > lastFrame.toEpochMilli()) {
                break;
            }
            if (System.nanoTime() - lastChange > STALL.toNanos()) {
                throw new IllegalStateException("haystack " + cameraId + " stalled: nothing new became queryable for "
                        + STALL.toMinutes() + " min (newest clip end " + Instant.ofEpochMilli(newestEnd) + ", last frame "
                        + lastFrame + ")");
            }
        }
        ingest.admin().delete(cameraId);
        return new ArrayList<>(groundTruth.getOrDefault(cameraId, List.of()));
    }

    /** End of the newest clip TokenMemory holds for the camera, epoch millis (0 while none). */
    private long newestEnd(String cameraId) {
        try {
            return stats(cameraId).newestEnd();
        } catch (MemoryUnavailableException starting) {
            return 0; // rebalancing or restoring: ask again on the next round
        }
    }

    /** What the camera's memory holds now. */
    public CameraStats stats(String cameraId) {
        return pipeline.memory().askLocal(cameraId, new CameraStatsQuery(cameraId));
    }

    /** This instance's TokenMemory (the only instance: every camera's partition is here). */
    public MemoryQueries memory() {
        return pipeline.memory();
    }

    /** The pipeline's clip encoder, whose text side embeds the questions. */
    public ClipEncoder encoder() {
        return pipeline.encoder();
    }

    /** The clock event times are anchored to. */
    public Clock clock() {
        return clock;
    }

    /**
     * Who was on screen when, from a camera's ground-truth events: one visit per object, first to last frame.
     *
     * @param frames the camera's frame count (frames without events still count)
     */
    public static List<VisitLog.Visit> visits(List<GroundTruthEvent> events, long frames) {
        Map<Long, List<GroundTruthEvent>> byFrame = events.stream()
                .collect(Collectors.groupingBy(GroundTruthEvent::frame, TreeMap::new, Collectors.toList()));
        VisitLog log = new VisitLog();
        for (long f = 0; f < frames; f++) {
            log.frame(f, byFrame.getOrDefault(f, List.of()));
        }
        return log.visits();
    }

    @Override
    public void close() {
        ingest.close();
        pipeline.close();
        cluster.close();
    }
}
