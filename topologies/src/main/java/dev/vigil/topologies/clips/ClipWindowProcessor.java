package dev.vigil.topologies.clips;

import dev.vigil.schema.CameraConfig;
import dev.vigil.schema.Clip;
import dev.vigil.schema.ClipFrame;
import dev.vigil.schema.Frame;
import dev.vigil.topologies.DeadLetterForwarding;
import dev.vigil.schema.serde.WireFormatException;
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

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cuts each camera's frames into clips on its fixed event-time grid.
 *
 * <p>A frame is held in {@link ClipWindowsTopology#FRAMES_STORE} under (camera, time, seq) until its clip
 * closes; its bytes are written to the changelog once, and deleted when the clip is emitted. A clip closes
 * when the camera's event time passes the clip's end plus the grace, or, for a camera that went silent,
 * when the wall-clock punctuator finds it quiet for longer than the configured silence. Frames for a
 * closed clip are late: counted and dead-lettered with the reason. Records that are not readable frames are
 * dead-lettered too; all of it inside the same Kafka Streams transaction as the clips.
 */
final class ClipWindowProcessor implements Processor<String, byte[], String, Object> {
    private final ClipWindowsConfig config;
    private final Deserializer<Frame> frames;
    private final DeadLetterForwarding deadLetters;
    private final Counter lateFrames;
    private final Counter badRecords;
    private final Counter clipsEmitted;

    private ProcessorContext<String, Object> context;
    private KeyValueStore<Bytes, byte[]> held;
    private KeyValueStore<String, byte[]> clocks;
    private TimestampedKeyValueStore<String, CameraConfig> cameras;

    ClipWindowProcessor(ClipWindowsConfig config, Deserializer<Frame> frames, DeadLetterForwarding deadLetters, MeterRegistry metrics) {
        this.config = config;
        this.frames = frames;
        this.deadLetters = deadLetters;
        this.lateFrames = Counter.builder("vigil.clips.late.frames").description("frames that arrived after their clip closed").register(metrics);
        this.badRecords = Counter.builder("vigil.clips.bad.records").description("records on vigil.frames that are not readable frames").register(metrics);
        this.clipsEmitted = Counter.builder("vigil.clips.emitted").description("clips closed and sent to vigil.clips").register(metrics);
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
        long eventTime = frame.getEventTime().toEpochMilli();
        long now = context.currentSystemTimeMs();
        byte[] stored = clocks.get(camera);
        CameraClock clock = stored == null ? CameraClock.first(gridOf(camera), eventTime, now) : CameraClock.fromBytes(stored);
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
        List<Frame> decoded = new ArrayList<>(members.size());
        long lastSeq = Long.MIN_VALUE;
        for (KeyValue<Bytes, byte[]> kv : members) {
            Frame f = frames.deserialize(ClipWindowsTopology.SOURCE_TOPIC, kv.value);
            if (f.getSeq() != lastSeq || decoded.isEmpty()) { // a re-sent frame (same time and seq) counts once
                decoded.add(f);
            }
            lastSeq = f.getSeq();
        }
        List<Frame> chosen = ClipFrameSelection.evenlySpaced(decoded, grid.expectedFrames());
        List<ClipFrame> clipFrames = chosen.stream().map(f -> new ClipFrame(f.getSeq(), f.getEventTime(),
                f.getWidth(), f.getHeight(), f.getJpeg())).toList();
        Frame last = chosen.get(chosen.size() - 1);
        Clip clip = Clip.newBuilder()
                .setCameraId(camera).setClipIndex(index)
                .setStart(Instant.ofEpochMilli(grid.startOf(index))).setEnd(Instant.ofEpochMilli(grid.endOf(index)))
                .setExpectedFrames(grid.expectedFrames()).setPartial(clipFrames.size() < grid.expectedFrames())
                .setFrames(clipFrames).setIngestTime(last.getIngestTime())
                .build();
        context.forward(new Record<String, Object>(camera, clip, last.getEventTime().toEpochMilli()), ClipWindowsTopology.CLIPS_SINK);
        clipsEmitted.increment();
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
            emitClips(kv.key, clock.grid(), clock.openFrom(), closeBefore);
            clocks.put(kv.key, clock.closedUpTo(closeBefore).toBytes());
        }
    }

    private ClipGrid gridOf(String camera) {
        ValueAndTimestamp<CameraConfig> found = cameras.get(camera);
        CameraConfig c = found == null ? null : found.value();
        return c == null ? ClipGrid.of(config.defaultClipFrames(), config.defaultFps()) : ClipGrid.of(c.getClipFrames(), c.getFps());
    }

    private void deadLetter(Record<String, byte[]> record, String reason, Throwable error) {
        badRecords.increment();
        deadLetters.forward(context, record, record.value(), reason, error);
    }
}
