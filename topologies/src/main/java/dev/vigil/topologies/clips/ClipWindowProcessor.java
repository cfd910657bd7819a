package dev.vigil.topologies.clips;

import dev.vigil.schema.CameraConfig;
import dev.vigil.schema.Clip;
import dev.vigil.schema.ClipFrame;
import dev.vigil.schema.Frame;
import dev.vigil.schema.Topics;
import dev.vigil.schema.cameras.ClipBudget;
import dev.vigil.schema.registry.RegistryException;
import dev.vigil.schema.serde.WireFormatException;
import dev.vigil.topologies.DeadLetterForwarding;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Cuts each camera's frames into clips on its fixed event-time grid.
 *
 * <p>A frame is held in {@link ClipWindowsTopology#FRAMES_STORE} under (camera, time, seq) until its clip
 * closes; its bytes are written to the changelog once, and deleted when the clip is emitted. A clip closes
 * when the camera's event time passes the clip's end plus the grace, or, for a camera that went silent,
 * when the wall-clock punctuator finds it quiet for longer than the configured silence.
 *
 * <p>This is the pipeline's edge, so every frame that cannot become part of a clip is counted and dead-lettered
 * with its reason, all inside the same Kafka Streams transaction as the clips: records that are not readable
 * frames, frames of cameras not defined on {@code vigil.cameras}, frames whose event time is too far ahead of
 * the clock (their clip's timestamp would be refused by the broker) or older than retention, late frames,
 * frames beyond a clip's {@code clipFrames}, and frames that would make a clip larger than {@code vigil.clips}
 * takes ({@link ClipBudget}). Anything else that goes wrong with one record dead-letters that record and the
 * stream goes on.
 */
final class ClipWindowProcessor implements Processor<String, byte[], String, Object> {
    private static final Logger log = LoggerFactory.getLogger(ClipWindowProcessor.class);
    /** Avro's per-frame fields around each JPEG in a clip record (seq, time, size, length prefix), generously. */
    private static final int FRAME_FIELDS_BYTES = 64;

    private final ClipWindowsConfig config;
    private final ClipBudget budget;
    private final Deserializer<Frame> frames;
    private final DeadLetterForwarding deadLetters;
    private final Counter lateFrames;
    private final Counter badRecords;
    private final Counter unknownCameras;
    private final Counter outOfRangeTimes;
    private final Counter extraFrames;
    private final Counter oversizeFrames;
    private final Counter failedRecords;
    private final Counter clipsEmitted;

    private ProcessorContext<String, Object> context;
    private KeyValueStore<Bytes, byte[]> held;
    private KeyValueStore<String, byte[]> clocks;
    private TimestampedKeyValueStore<String, CameraConfig> cameras;

    ClipWindowProcessor(ClipWindowsConfig config, ClipBudget budget, Deserializer<Frame> frames,
                        DeadLetterForwarding deadLetters, MeterRegistry metrics) {
        this.config = config;
        this.budget = budget;
        this.frames = frames;
        this.deadLetters = deadLetters;
        this.lateFrames = Counter.builder("vigil.clips.late.frames").description("frames that arrived after their clip closed").register(metrics);
        this.badRecords = Counter.builder("vigil.clips.bad.records").description("records on vigil.frames that are not readable frames").register(metrics);
        this.unknownCameras = dropped(metrics, "unknown_camera", "frames of cameras not defined on vigil.cameras");
        this.outOfRangeTimes = dropped(metrics, "event_time", "frames whose event time is too far ahead of the clock or older than retention");
        this.extraFrames = dropped(metrics, "extra_frame", "frames beyond their clip's clipFrames");
        this.oversizeFrames = dropped(metrics, "oversize", "frames that would make their clip larger than vigil.clips takes");
        this.failedRecords = dropped(metrics, "processing_error", "records the clip windows failed on");
        this.clipsEmitted = Counter.builder("vigil.clips.emitted").description("clips closed and sent to vigil.clips").register(metrics);
    }

    private static Counter dropped(MeterRegistry metrics, String reason, String description) {
        return Counter.builder("vigil.clips.dropped.frames").tag("reason", reason).description(description).register(metrics);
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.held = context.getStateStore(ClipWindowsTopology.FRAMES_STORE);
        this.clocks = context.getStateStore(ClipWindowsTopology.CLOCKS_STORE);
        this.cameras = context.getStateStore(ClipWindowsTopology.CAMERAS_STORE);
        context.schedule(config.punctuateInterval(), PunctuationType.WALL_CLOCK_TIME, this::closeSilentCameras);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        try {
            accept(record);
        } catch (RegistryException e) {
            throw e; // the registry is down, not the record: retried, never dead-lettered
        } catch (RuntimeException e) {
            // The processing-exception path: whatever else fails on one record dead-letters that record only.
            failedRecords.increment();
            log.warn("clip windows failed on {}; dead-lettered", where(), e);
            deadLetters.forward(context, record, record.value(), "the clip windows failed on this record: " + e, e);
        }
    }

    private void accept(Record<String, byte[]> record) {
        Frame frame;
        try {
            frame = frames.deserialize(ClipWindowsTopology.SOURCE_TOPIC, record.value());
        } catch (WireFormatException e) {
            deadLetter(record, e.getMessage(), e);
            return;
        }
        if (frame == null || record.key() == null || !record.key().equals(frame.getCameraId())) {
            deadLetter(record, frame == null ? "empty frame record (no value)"
                    : "record key '" + record.key() + "' is not the frame's camera id '" + frame.getCameraId() + "'", null);
            return;
        }
        String camera = frame.getCameraId();
        Optional<CameraConfig> definition = definitionOf(camera);
        if (definition.isEmpty()) {
            unknownCameras.increment();
            deadLetter(record, "unknown camera: " + camera + " is not defined on " + Topics.CAMERAS + " (define it with"
                    + " POST /v1/cameras first); frame " + frame.getSeq() + " at " + frame.getEventTime() + " was not clipped", null);
            return;
        }
        long eventTime = frame.getEventTime().toEpochMilli();
        long now = context.currentSystemTimeMs();
        if (eventTime > now + config.futureTolerance().toMillis() || eventTime < now - config.maxAge().toMillis()) {
            outOfRangeTimes.increment();
            boolean future = eventTime > now;
            deadLetter(record, "event time out of range: camera " + camera + " frame " + frame.getSeq() + " at "
                    + frame.getEventTime() + " is " + Duration.ofMillis(Math.abs(eventTime - now))
                    + (future ? " ahead of" : " behind") + " this instance's clock " + Instant.ofEpochMilli(now)
                    + (future ? " (at most " + config.futureTolerance() + " ahead is accepted: check the camera's clock)"
                              : " (at most " + config.maxAge() + " old is accepted, the retention of " + Topics.CLIPS + ")"), null);
            return;
        }
        byte[] stored = clocks.get(camera);
        CameraClock clock = stored == null ? CameraClock.first(gridOf(definition.get()), eventTime, now) : CameraClock.fromBytes(stored);
        if (clock.isLate(eventTime)) {
            lateFrames.increment();
            long clipEnd = clock.grid().endOf(clock.grid().indexOf(eventTime));
            deadLetter(record, "late frame: camera " + camera + " frame " + frame.getSeq() + " at " + frame.getEventTime()
                    + " belongs to a clip that closed already (clip end " + Instant.ofEpochMilli(clipEnd) + ", grace "
                    + config.grace().toMillis() + " ms, camera event time now " + Instant.ofEpochMilli(clock.maxEventTimeMs()) + ")", null);
            return;
        }
        held.put(FrameKey.of(camera, eventTime, frame.getSeq()), record.value());
        clock = clock.observe(eventTime, now);
        long watermark = clock.maxEventTimeMs() - config.grace().toMillis();
        clock = closeUpTo(camera, clock, watermark);
        clocks.put(camera, clock.toBytes());
    }

    /** Closes every open clip of the camera that ends at or before {@code watermarkMs}. */
    private CameraClock closeUpTo(String camera, CameraClock clock, long watermarkMs) {
        // clip i has ended by the watermark iff (i + 1) * d <= watermark, i.e. i < floor(watermark / d)
        long closeBefore = Math.floorDiv(watermarkMs, clock.grid().durationMs());
        if (closeBefore <= clock.openFrom()) {
            return clock;
        }
        emitClips(camera, clock.grid(), clock.openFrom(), closeBefore);
        return clock.closedUpTo(closeBefore);
    }

    /** Emits the non-empty clips with index in [from, to) and forgets their frames. */
    private void emitClips(String camera, ClipGrid grid, long from, long to) {
        Map<Long, List<KeyValue<Bytes, byte[]>>> byClip = new LinkedHashMap<>();
        try (KeyValueIterator<Bytes, byte[]> it = held.range(FrameKey.lowest(camera, grid.startOf(from)),
                FrameKey.highest(camera, grid.endOf(to - 1) - 1))) {
            while (it.hasNext()) {
                KeyValue<Bytes, byte[]> kv = it.next();
                byClip.computeIfAbsent(grid.indexOf(FrameKey.eventTime(kv.key)), i -> new ArrayList<>()).add(kv);
            }
        }
        byClip.forEach((index, members) -> {
            emit(camera, grid, index, members);
            members.forEach(kv -> held.delete(kv.key));
        });
    }

    private void emit(String camera, ClipGrid grid, long index, List<KeyValue<Bytes, byte[]>> members) {
        List<Held> decoded = new ArrayList<>(members.size());
        long lastSeq = Long.MIN_VALUE;
        for (KeyValue<Bytes, byte[]> kv : members) {
            Frame f = frames.deserialize(ClipWindowsTopology.SOURCE_TOPIC, kv.value);
            if (f.getSeq() != lastSeq || decoded.isEmpty()) { // a re-sent frame (same time and seq) counts once
                decoded.add(new Held(f, kv.value));
            }
            lastSeq = f.getSeq();
        }
        String clipName = "clip " + camera + "#" + index + " [" + Instant.ofEpochMilli(grid.startOf(index)) + ", "
                + Instant.ofEpochMilli(grid.endOf(index)) + ")";
        List<Held> chosen = ClipFrameSelection.evenlySpaced(decoded, grid.expectedFrames());
        for (Held extra : decoded) {
            if (!chosen.contains(extra)) {
                extraFrames.increment();
                deadLetters.forwardHeld(context, camera, extra.bytes(), "extra frame: " + clipName + " received "
                        + decoded.size() + " frames but holds clipFrames " + grid.expectedFrames() + " (the camera sends"
                        + " faster than its fps); frame " + extra.frame().getSeq() + " at " + extra.frame().getEventTime()
                        + " was left out");
            }
        }
        List<Frame> fitting = new ArrayList<>(chosen.size());
        long bytes = 0;
        for (Held h : chosen) {
            int size = h.frame().getJpeg().remaining() + FRAME_FIELDS_BYTES;
            if (bytes + size > budget.jpegBytesPerClip()) {
                oversizeFrames.increment();
                deadLetters.forwardHeld(context, camera, h.bytes(), "oversize clip: frame " + h.frame().getSeq() + " at "
                        + h.frame().getEventTime() + " (" + h.frame().getJpeg().remaining() + " bytes of JPEG) would make "
                        + clipName + " larger than the " + budget.clipRecordBytes() + "-byte records " + Topics.CLIPS
                        + " takes; left out (lower the camera's resizeLongest, jpegQuality or clipFrames)");
                continue;
            }
            bytes += size;
            fitting.add(h.frame());
        }
        if (fitting.isEmpty()) {
            return;
        }
        List<ClipFrame> clipFrames = fitting.stream().map(f -> new ClipFrame(f.getSeq(), f.getEventTime(),
                f.getWidth(), f.getHeight(), f.getJpeg())).toList();
        Frame last = fitting.get(fitting.size() - 1);
        Clip clip = Clip.newBuilder()
                .setCameraId(camera).setClipIndex(index)
                .setStart(Instant.ofEpochMilli(grid.startOf(index))).setEnd(Instant.ofEpochMilli(grid.endOf(index)))
                .setExpectedFrames(grid.expectedFrames()).setPartial(clipFrames.size() < grid.expectedFrames())
                .setFrames(clipFrames).setIngestTime(last.getIngestTime())
                .build();
        // Never stamped ahead of the wall clock, so the broker cannot refuse the clip for its time (frames that
        // reached a store before event times were checked, e.g. in a state directory from an older version).
        long timestamp = Math.min(last.getEventTime().toEpochMilli(), context.currentSystemTimeMs());
        context.forward(new Record<String, Object>(camera, clip, timestamp), ClipWindowsTopology.CLIPS_SINK);
        clipsEmitted.increment();
    }

    /** A frame held for its clip, with its bytes as they arrived (what a dead letter carries). */
    private record Held(Frame frame, byte[] bytes) {
    }

    /** Wall-clock punctuation: close all held clips of cameras that have been silent for too long. */
    private void closeSilentCameras(long nowMs) {
        List<KeyValue<String, CameraClock>> silent = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> it = clocks.all()) {
            while (it.hasNext()) {
                KeyValue<String, byte[]> kv = it.next();
                CameraClock clock = CameraClock.fromBytes(kv.value);
                boolean hasOpenFrames = clock.grid().indexOf(clock.maxEventTimeMs()) >= clock.openFrom();
                if (hasOpenFrames && nowMs - clock.lastFrameWallMs() >= config.silence().toMillis()) {
                    silent.add(KeyValue.pair(kv.key, clock));
                }
            }
        }
        for (KeyValue<String, CameraClock> kv : silent) {
            CameraClock clock = kv.value;
            long closeBefore = clock.grid().indexOf(clock.maxEventTimeMs()) + 1;
            try {
                emitClips(kv.key, clock.grid(), clock.openFrom(), closeBefore);
            } catch (RegistryException e) {
                throw e;
            } catch (RuntimeException e) {
                // One camera's clips failing must not keep the others' open: they are given up and counted.
                failedRecords.increment();
                log.warn("clip windows could not close the clips of silent camera {}; they are given up", kv.key, e);
            }
            clocks.put(kv.key, clock.closedUpTo(closeBefore).toBytes());
        }
    }

    private Optional<CameraConfig> definitionOf(String camera) {
        ValueAndTimestamp<CameraConfig> found = cameras.get(camera);
        return Optional.ofNullable(found == null ? null : found.value());
    }

    private static ClipGrid gridOf(CameraConfig camera) {
        return ClipGrid.of(camera.getClipFrames(), camera.getFps());
    }

    private String where() {
        return context.recordMetadata().map(m -> m.topic() + "-" + m.partition() + "@" + m.offset()).orElse("a punctuation");
    }

    private void deadLetter(Record<String, byte[]> record, String reason, Throwable error) {
        badRecords.increment();
        deadLetters.forward(context, record, record.value(), reason, error);
    }
}
