package dev.vigil.state;

import dev.vigil.schema.ClipTokens;
import dev.vigil.schema.TemporalState;
import dev.vigil.state.internals.MemoryRecords;
import dev.vigil.state.internals.SimilarityScan;
import dev.vigil.state.internals.Tiering;
import dev.vigil.state.query.MemoryQuery;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.query.Position;
import org.apache.kafka.streams.query.PositionBound;
import org.apache.kafka.streams.query.Query;
import org.apache.kafka.streams.query.QueryConfig;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.state.KeyValueStore;

import java.util.List;
import java.util.Optional;

/**
 * TokenMemory: a camera's clips as merged visual tokens, in a Kafka Streams state store keyed by (camera,
 * start time), aged through tiers of coarser consolidation and deleted after the retention, so a camera's
 * memory stays bounded however long it streams ({@link MemoryBound}).
 *
 * <p>Underneath is one Kafka Streams persistent key-value store (RocksDB with a changelog topic, built by
 * {@link TokenMemoryStoreBuilder}); every write goes through it, so the changelog restores entries, summaries
 * and temporal states together on another instance, and under exactly-once they are always consistent. This
 * class is the StateStore and IQv2 plumbing; the work is done by three parts in {@code dev.vigil.state.internals}:
 * {@code Tiering} (writes, consolidation, retention), {@code SimilarityScan} (the max-sim search) and
 * {@code MemoryRecords} (the key layout and value formats, and the plain reads).
 *
 * <p>Call sequence from a processor: {@link #put(ClipTokens)} for each clip (and
 * {@link #putTemporalState(TemporalState)} for each temporal state), then {@link #maintain(String, long)}
 * after the put or {@link #maintainAll()} from a punctuator. Maintenance is incremental: it reads the
 * camera's summary and touches only the buckets that became due since the last call.
 *
 * <p>Not thread-safe for writes (a stream thread owns it); interactive queries read through
 * {@link #query}, as Kafka Streams' own stores allow.
 */
public final class TokenMemoryStore implements StateStore, TokenMemory {
    /** Model ids are at most this many UTF-8 bytes (the memory bound depends on it). */
    public static final int MAX_MODEL_ID_BYTES = 255;

    private final String name;
    private final TokenMemoryConfig config;
    private final KeyValueStore<Bytes, byte[]> inner;
    private final MemoryRecords records;
    private final Tiering tiering;
    private final SimilarityScan scan;
    private StateStoreContext context;

    /** Use {@link TokenMemoryStoreBuilder}; {@code inner} is the logged RocksDB store this one wraps. */
    TokenMemoryStore(String name, TokenMemoryConfig config, KeyValueStore<Bytes, byte[]> inner) {
        this.name = name;
        this.config = config;
        this.inner = inner;
        this.records = new MemoryRecords(inner);
        this.tiering = new Tiering(config, records);
        this.scan = new SimilarityScan(records);
    }

    /** The tier and retention settings this store applies. */
    public TokenMemoryConfig config() {
        return config;
    }

    // ---------------------------------------------------------------- writes

    /** Stores one encoded clip as a raw entry (or merges it into its consolidated bucket if it is late). */
    public PutOutcome put(ClipTokens clip) {
        return put(MemoryEntry.fromClip(clip));
    }

    /**
     * Stores one raw clip entry.
     *
     * @throws IllegalArgumentException if the entry is not a raw clip or exceeds the configured per-clip
     *                                  limits (the caller dead-letters it; the memory bound depends on them)
     */
    public PutOutcome put(MemoryEntry clip) {
        return tiering.put(clip);
    }

    /**
     * Keeps the camera's latest temporal state: a state is replaced only by one of the same model with an
     * equal or higher {@code lastClipIndex}, or by one of another model (the model changed).
     *
     * @return whether the state was stored
     */
    public boolean putTemporalState(TemporalState state) {
        return tiering.putTemporalState(state);
    }

    /**
     * Ages one camera's memory to {@code latestEventTime} (or its own latest event time, if later):
     * deletes entries past the retention, consolidates due tier-1 and tier-2 buckets. Cheap when nothing is
     * due: one summary read.
     */
    public void maintain(String cameraId, long latestEventTime) {
        tiering.maintain(cameraId, latestEventTime);
    }

    /** {@link #maintain} for every camera of this store at its own latest event time (for a punctuator). */
    public void maintainAll() {
        for (String camera : cameras()) {
            maintain(camera, Long.MIN_VALUE);
        }
    }

    // ---------------------------------------------------------------- reads

    @Override
    public List<MemoryEntry> range(String cameraId, long from, long to) {
        return records.range(cameraId, from, to);
    }

    @Override
    public List<MemoryEntry> latest(String cameraId, int n) {
        return records.latest(cameraId, n);
    }

    @Override
    public List<ScoredEntry> similar(String cameraId, float[] embedding, long from, long to, int k) {
        return scan.similar(cameraId, embedding, from, to, k);
    }

    @Override
    public GlobalEmbedding globalEmbedding(String cameraId) {
        return records.globalEmbedding(cameraId);
    }

    @Override
    public CameraStats stats(String cameraId) {
        return records.stats(cameraId);
    }

    @Override
    public long approximateBytes(String cameraId) {
        return records.approximateBytes(cameraId);
    }

    @Override
    public Optional<TemporalState> latestTemporalState(String cameraId) {
        return records.latestTemporalState(cameraId);
    }

    @Override
    public List<String> cameras() {
        return records.cameras();
    }

    // ---------------------------------------------------------------- StateStore

    @Override
    public String name() {
        return name;
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        this.context = context;
        // the inner store registers `root` (this store) under our shared name, with its own restore callback:
        // restoration writes straight into RocksDB, summaries included, so nothing here needs rebuilding
        inner.init(context, root);
    }

    @Override
    public void flush() {
        inner.flush();
    }

    @Override
    public void close() {
        inner.close();
    }

    @Override
    public boolean persistent() {
        return inner.persistent();
    }

    @Override
    public boolean isOpen() {
        return inner.isOpen();
    }

    @Override
    public Position getPosition() {
        return inner.getPosition();
    }

    /** Answers the {@link MemoryQuery} types; other queries are reported as unknown, as IQv2 expects. */
    @Override
    public <R> QueryResult<R> query(Query<R> query, PositionBound positionBound, QueryConfig queryConfig) {
        if (!(query instanceof MemoryQuery<R> memoryQuery)) {
            return QueryResult.forUnknownQueryType(query, this);
        }
        Position position = getPosition().copy();
        Integer partition = context == null ? null : context.taskId().partition();
        if (!isPermitted(position, positionBound, partition)) {
            return QueryResult.notUpToBound(position, positionBound, partition);
        }
        long started = System.nanoTime();
        QueryResult<R> result = QueryResult.forResult(memoryQuery.execute(this));
        if (queryConfig.isCollectExecutionInfo()) {
            result.addExecutionInfo("Handled in " + getClass().getSimpleName() + " " + name + " in "
                    + (System.nanoTime() - started) + " ns");
        }
        result.setPosition(position);
        return result;
    }

    /** Whether this store has seen at least the offsets the bound asks for (on this task's partition). */
    private static boolean isPermitted(Position position, PositionBound bound, Integer partition) {
        if (bound.isUnbounded()) {
            return true;
        }
        for (String topic : bound.position().getTopics()) {
            Long wanted = bound.position().getPartitionPositions(topic).get(partition);
            if (wanted == null) {
                continue;
            }
            Long seen = position.getPartitionPositions(topic).get(partition);
            if (seen == null || seen < wanted) {
                return false;
            }
        }
        return true;
    }
}
