package dev.vigil.ingest.camera;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.vigil.ingest.CameraMeters;
import dev.vigil.ingest.CameraSource;
import dev.vigil.ingest.CameraSources;
import dev.vigil.ingest.CameraState;
import dev.vigil.ingest.FrameSinks;
import dev.vigil.ingest.IngestMetrics;

/**
 * The cameras this ingest instance runs, each on its own thread, and a read-only view of them.
 *
 * <p>{@link #apply} brings one camera to its definition: starts it, restarts it when its capture settings
 * (URL, rate, encoding) changed, only relabels it when they did not, and stops it when it is disabled.
 * {@link #remove} stops and forgets it. A camera's sequence numbers continue across its restarts for the
 * life of this instance, so a consumer sees one numbering per camera. Changes are serialised; the view
 * ({@link #cameras()}) may be read from any thread at any time.
 */
public final class CameraRegistry implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CameraRegistry.class);

    private final CameraSources sources;
    private final FrameSinks sinks;
    private final IngestMetrics metrics;
    private final int maxJpegBytes;
    private final Duration stopTimeout;
    private final Clock clock;
    private final Map<String, Entry> cameras = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> sequences = new ConcurrentHashMap<>();

    /** One known camera: its settings and, unless disabled, its running capture. */
    private record Entry(CameraSettings settings, RunningCamera running, CameraMeters meters) {
    }

    /**
     * @param sources      opens a camera's source from its URL
     * @param sinks        where each camera's frames go (the frame producer)
     * @param metrics      meters per camera
     * @param maxJpegBytes larger JPEGs are dropped before they reach the sink
     * @param stopTimeout  how long stopping one camera may wait for its thread
     */
    public CameraRegistry(CameraSources sources, FrameSinks sinks, IngestMetrics metrics, int maxJpegBytes,
                          Duration stopTimeout, Clock clock) {
        this.sources = sources;
        this.sinks = sinks;
        this.metrics = metrics;
        this.maxJpegBytes = maxJpegBytes;
        this.stopTimeout = stopTimeout;
        this.clock = clock;
    }

    /** Brings camera {@code settings.id()} to {@code settings}; never throws for a bad camera. */
    public synchronized void apply(CameraSettings settings) {
        Entry before = cameras.get(settings.id());
        if (before != null && before.running() != null && settings.enabled()
                && before.settings().capturesLike(settings)) {
            cameras.put(settings.id(), new Entry(settings, before.running(), before.meters()));
            log.info("camera {} relabelled: {}", settings.id(), settings.labels());
            return;
        }
        if (before != null) {
            stop(List.of(before));
        }
        CameraMeters meters = metrics.camera(settings.id());
        RunningCamera running = null;
        if (settings.enabled()) {
            running = start(settings, meters);
            log.info("camera {} {}: {}", settings.id(), before == null ? "started" : "restarted", settings);
        } else {
            log.info("camera {} disabled: {}", settings.id(), settings);
        }
        cameras.put(settings.id(), new Entry(settings, running, meters));
    }

    /** Stops and forgets the cameras {@code ids} (deleted, or moved to another instance); unknown ids are ignored. */
    public synchronized void remove(Collection<String> ids) {
        List<Entry> gone = new ArrayList<>();
        for (String id : ids) {
            Entry e = cameras.remove(id);
            if (e != null) {
                gone.add(e);
            }
        }
        stop(gone);
        for (Entry e : gone) {
            metrics.forget(e.settings().id());
            log.info("camera {} removed", e.settings().id());
        }
    }

    /** Stops and forgets one camera. */
    public void remove(String id) {
        remove(List.of(id));
    }

    /** The ids of the cameras known here, running or disabled. */
    public List<String> ids() {
        return cameras.keySet().stream().sorted().toList();
    }

    /** A snapshot of every camera known here, by id. */
    public List<CameraSnapshot> cameras() {
        return cameras.values().stream().map(this::snapshot).sorted(Comparator.comparing(CameraSnapshot::id)).toList();
    }

    /** A snapshot of one camera, if this instance knows it. */
    public Optional<CameraSnapshot> camera(String id) {
        return Optional.ofNullable(cameras.get(id)).map(this::snapshot);
    }

    private RunningCamera start(CameraSettings settings, CameraMeters meters) {
        CameraSource source = sources.open(settings.id(), settings.url().secretValue());
        CameraMeters bound = metrics.bind(source);
        AtomicLong sequence = sequences.computeIfAbsent(settings.id(), id -> new AtomicLong());
        return new RunningCamera(settings, source, sinks.forCamera(settings.id(), settings.url(), bound, source.pacedByReader()), bound,
                sequence, maxJpegBytes, clock);
    }

    /** Stops all of {@code entries} at once (close every source first, then wait), so a revocation is quick. */
    private void stop(List<Entry> entries) {
        for (Entry e : entries) {
            if (e.running() != null) {
                e.running().requestStop();
            }
        }
        for (Entry e : entries) {
            if (e.running() != null) {
                e.running().awaitStop(stopTimeout);
                metrics.unbind(e.settings().id());
            }
        }
    }

    private CameraSnapshot snapshot(Entry e) {
        CameraSettings s = e.settings();
        RunningCamera r = e.running();
        CameraState state = r != null ? r.source().state()
                : new CameraState(CameraState.Phase.ENDED, null, false, clock.instant());
        AtomicLong seq = sequences.get(s.id());
        return new CameraSnapshot(s.id(), s.url().toString(), s.labels(), s.fps(), s.enabled(),
                r != null && r.isRunning(), state, e.meters().framesIn(), e.meters().framesOut(),
                e.meters().framesProduced(), e.meters().framesDropped(),
                r != null ? r.source().counters().reconnects() : 0,
                r != null ? r.source().counters().decodeErrors() : 0,
                seq == null ? 0 : seq.get(),
                r != null ? r.source().progress().orElse(Double.NaN) : Double.NaN,
                e.meters().flow().framesInPerSecond(), e.meters().flow().newestEventTime().orElse(null),
                r != null ? r.source().counters().stalls() : 0, clock.instant());
    }

    /** Stops every camera. */
    @Override
    public synchronized void close() {
        remove(List.copyOf(cameras.keySet()));
    }
}
