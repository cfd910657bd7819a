package dev.vigil.state.internals;

import dev.vigil.schema.TemporalState;
import dev.vigil.state.CameraStats;
import dev.vigil.state.CorruptEntryException;
import dev.vigil.state.GlobalEmbedding;
import dev.vigil.state.MemoryEntry;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * TokenMemory's records in the one key-value store underneath it: entries, camera summaries and temporal
 * states under {@link MemoryKey}'s layout, each in its own value format ({@link EntryCodec},
 * {@link CameraSummary}, a versioned Avro temporal state). Everything TokenMemory reads or writes goes through
 * here, so the layout is decoded in one place; the plain reads of {@code TokenMemory} are answered here too.
 *
 * <p>Invariant kept by its writers ({@link Tiering}): a camera's summary accounts for exactly its live
 * entries and its temporal state. Not thread-safe for writes, like the store it wraps.
 */
public final class MemoryRecords {
    private static final byte TEMPORAL_STATE_VERSION = 1;

    private final KeyValueStore<Bytes, byte[]> inner;

    /** @param inner the (logged) key-value store holding every record */
    public MemoryRecords(KeyValueStore<Bytes, byte[]> inner) {
        this.inner = inner;
    }

    // ---------------------------------------------------------------- reads (TokenMemory)

    /** Entries of the camera overlapping [from, to], oldest first. */
    public List<MemoryEntry> range(String cameraId, long from, long to) {
        if (to < from) {
            return List.of();
        }
        List<MemoryEntry> out = new ArrayList<>();
        for (Stored stored : scan(cameraId, summary(cameraId).earliestStartOverlapping(from), to)) {
            if (stored.entry().overlaps(from, to)) {
                out.add(stored.entry());
            }
        }
        return out;
    }

    /** The camera's {@code n} newest entries, newest first. */
    public List<MemoryEntry> latest(String cameraId, int n) {
        List<MemoryEntry> out = new ArrayList<>();
        if (n <= 0) {
            return out;
        }
        try (KeyValueIterator<Bytes, byte[]> it = inner.reverseRange(MemoryKey.entry(cameraId, Long.MIN_VALUE),
                MemoryKey.entry(cameraId, Long.MAX_VALUE))) {
            while (it.hasNext() && out.size() < n) {
                out.add(EntryCodec.decode(cameraId, it.next().value));
            }
        }
        return out;
    }

    /** The camera's running global embedding (count 0 when none). */
    public GlobalEmbedding globalEmbedding(String cameraId) {
        return summary(cameraId).globalEmbedding(cameraId);
    }

    /** Entries per tier, bytes, oldest and newest times. */
    public CameraStats stats(String cameraId) {
        CameraSummary s = summary(cameraId);
        List<Integer> entries = new ArrayList<>();
        List<Long> bytes = new ArrayList<>();
        for (int t = 0; t <= MemoryEntry.MAX_TIER; t++) {
            entries.add(s.entries()[t]);
            bytes.add(s.bytes()[t]);
        }
        long oldest = 0;
        long newest = 0;
        try (KeyValueIterator<Bytes, byte[]> it = inner.range(MemoryKey.entry(cameraId, Long.MIN_VALUE),
                MemoryKey.entry(cameraId, Long.MAX_VALUE))) {
            if (it.hasNext()) {
                oldest = MemoryKey.startOf(it.next().key);
            }
        }
        try (KeyValueIterator<Bytes, byte[]> it = inner.reverseRange(MemoryKey.entry(cameraId, Long.MIN_VALUE),
                MemoryKey.entry(cameraId, Long.MAX_VALUE))) {
            if (it.hasNext()) {
                newest = EntryCodec.endOf(it.next().value);
            }
        }
        return new CameraStats(cameraId, entries, bytes, approximateBytes(cameraId), oldest, newest,
                s.latestEventTime() == Long.MIN_VALUE ? 0 : s.latestEventTime());
    }

    /** Everything stored for the camera, in key + value bytes. */
    public long approximateBytes(String cameraId) {
        Bytes key = MemoryKey.summary(cameraId);
        byte[] raw = inner.get(key);
        if (raw == null) {
            return 0;
        }
        CameraSummary s = CameraSummary.decode(cameraId, raw);
        return s.entryBytes() + s.temporalStateBytes() + key.get().length + raw.length;
    }

    /** The camera's stored temporal state, if any. */
    public Optional<TemporalState> latestTemporalState(String cameraId) {
        byte[] value = inner.get(MemoryKey.temporalState(cameraId));
        if (value == null) {
            return Optional.empty();
        }
        if (value.length < 1 || value[0] != TEMPORAL_STATE_VERSION) {
            throw new CorruptEntryException("temporal state of camera " + cameraId + " has an unknown format version");
        }
        try {
            return Optional.of(TemporalState.fromByteBuffer(ByteBuffer.wrap(value, 1, value.length - 1)));
        } catch (IOException | RuntimeException e) {
            throw new CorruptEntryException("temporal state of camera " + cameraId + " does not decode: " + e.getMessage());
        }
    }

    /** The cameras with a summary, i.e. with anything stored. */
    public List<String> cameras() {
        List<String> out = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> it = inner.range(MemoryKey.firstSummary(), MemoryKey.lastSummary())) {
            while (it.hasNext()) {
                out.add(MemoryKey.cameraOfSummary(it.next().key));
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- for the writers and the scan

    /** The camera's summary, empty when nothing is stored. */
    CameraSummary summary(String camera) {
        return storedSummary(camera).orElseGet(CameraSummary::empty);
    }

    /** The camera's summary only if one is stored. */
    Optional<CameraSummary> storedSummary(String camera) {
        byte[] raw = inner.get(MemoryKey.summary(camera));
        return raw == null ? Optional.empty() : Optional.of(CameraSummary.decode(camera, raw));
    }

    void writeSummary(String camera, CameraSummary s) {
        inner.put(MemoryKey.summary(camera), s.encode());
    }

    /** The camera's entries starting in [fromStart, toStart], decoded, oldest first. */
    List<Stored> scan(String camera, long fromStart, long toStart) {
        List<Stored> out = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> it = entries(camera, fromStart, toStart)) {
            while (it.hasNext()) {
                out.add(Stored.of(camera, it.next()));
            }
        }
        return out;
    }

    /**
     * The camera's encoded entries starting in [fromStart, toStart], oldest first; close it. RocksDB iterators
     * read a consistent snapshot, so writing while iterating is safe.
     */
    KeyValueIterator<Bytes, byte[]> entries(String camera, long fromStart, long toStart) {
        return inner.range(MemoryKey.entry(camera, fromStart), MemoryKey.entry(camera, toStart));
    }

    /** Whether an entry starts at {@code start}. */
    boolean hasEntryAt(String camera, long start) {
        return inner.get(MemoryKey.entry(camera, start)) != null;
    }

    /** The encoded entry starting at {@code start}, or null. */
    byte[] entryAt(String camera, long start) {
        return inner.get(MemoryKey.entry(camera, start));
    }

    /** Writes an entry (replacing any at its start) and returns the summary accounting for it. */
    CameraSummary write(CameraSummary s, MemoryEntry entry) {
        Bytes key = MemoryKey.entry(entry.cameraId(), entry.start());
        byte[] value = EntryCodec.encode(entry);
        inner.put(key, value);
        return s.adding(entry, key.get().length + value.length);
    }

    void delete(Bytes key) {
        inner.delete(key);
    }

    /**
     * Stores the camera's temporal state (version byte + Avro single-object encoding).
     *
     * @return its key + value bytes, for the summary
     */
    long writeTemporalState(TemporalState state) {
        Bytes key = MemoryKey.temporalState(state.getCameraId());
        byte[] avro = avroBytes(state);
        byte[] value = new byte[avro.length + 1];
        value[0] = TEMPORAL_STATE_VERSION;
        System.arraycopy(avro, 0, value, 1, avro.length);
        inner.put(key, value);
        return key.get().length + value.length;
    }

    private static byte[] avroBytes(TemporalState state) {
        try {
            ByteBuffer b = state.toByteBuffer();
            byte[] out = new byte[b.remaining()];
            b.get(out);
            return out;
        } catch (IOException e) {
            throw new IllegalArgumentException("temporal state of camera " + state.getCameraId()
                    + " does not encode: " + e.getMessage(), e);
        }
    }

    /** A decoded entry with its key and its stored size (key + value bytes). */
    record Stored(Bytes key, MemoryEntry entry, long size) {
        static Stored of(String camera, KeyValue<Bytes, byte[]> kv) {
            return new Stored(kv.key, EntryCodec.decode(camera, kv.value), kv.key.get().length + kv.value.length);
        }
    }
}
