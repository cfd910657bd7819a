package dev.vigil.state;

import dev.vigil.schema.ClipTokens;
import dev.vigil.schema.TemporalState;
import dev.vigil.state.query.MemoryQuery;
import dev.vigil.tokens.Similarity;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.query.Position;
import org.apache.kafka.streams.query.PositionBound;
import org.apache.kafka.streams.query.Query;
import org.apache.kafka.streams.query.QueryConfig;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;

/**
 * TokenMemory: a camera's clips as merged visual tokens, in a Kafka Streams state store keyed by (camera,
 * start time), aged through tiers of coarser consolidation and deleted after the retention, so a camera's
 * memory stays bounded however long it streams ({@link MemoryBound}).
 *
 * <p>Underneath is one Kafka Streams persistent key-value store (RocksDB with a changelog topic, built by
 * {@link TokenMemoryStoreBuilder}); every write goes through it, so the changelog restores entries, summaries
 * and temporal states together on another instance, and under exactly-once they are always consistent.
 * Key layout: {@link MemoryKey}; value format: {@link EntryCodec}; per-camera bookkeeping: {@link CameraSummary}.
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
    private static final byte TEMPORAL_STATE_VERSION = 1;

    private final String name;
    private final TokenMemoryConfig config;
    private final KeyValueStore<Bytes, byte[]> inner;
    private final Consolidation consolidation;
    private StateStoreContext context;

    /** Use {@link TokenMemoryStoreBuilder}; {@code inner} is the logged RocksDB store this one wraps. */
    TokenMemoryStore(String name, TokenMemoryConfig config, KeyValueStore<Bytes, byte[]> inner) {
        this.name = name;
        this.config = config;
        this.inner = inner;
        this.consolidation = new Consolidation(config);
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
        checkRawClip(clip);
        String camera = clip.cameraId();
        CameraSummary before = summary(camera);
        long latest = Math.max(before.latestEventTime(), clip.end());
        if (clip.end() < retentionCutoff(camera, latest)) {
            return PutOutcome.EXPIRED;
        }
        Applied applied = clip.start() < before.tier1Frontier()
                ? mergeLate(clip, before)
                : putRaw(clip, before);
        CameraSummary after = applied.summary().withLatest(clip.end());
        if (after != before) {
            writeSummary(camera, after);
        }
        return applied.outcome();
    }

    /**
     * Keeps the camera's latest temporal state: a state is replaced only by one of the same model with an
     * equal or higher {@code lastClipIndex}, or by one of another model (the model changed).
     *
     * @return whether the state was stored
     */
    public boolean putTemporalState(TemporalState state) {
        String camera = state.getCameraId();
        Bytes key = MemoryKey.temporalState(camera);
        Optional<TemporalState> previous = latestTemporalState(camera);
        if (previous.isPresent() && previous.get().getModelId().equals(state.getModelId())
                && previous.get().getLastClipIndex() > state.getLastClipIndex()) {
            return false;
        }
        byte[] avro = avroBytes(state);
        byte[] value = new byte[avro.length + 1];
        value[0] = TEMPORAL_STATE_VERSION;
        System.arraycopy(avro, 0, value, 1, avro.length);
        inner.put(key, value);
        writeSummary(camera, summary(camera).withTemporalStateBytes(key.get().length + value.length));
        return true;
    }

    /**
     * Ages one camera's memory to {@code latestEventTime} (or its own latest event time, if later):
     * deletes entries past the retention, consolidates due tier-1 and tier-2 buckets. Cheap when nothing is
     * due: one summary read.
     */
    public void maintain(String cameraId, long latestEventTime) {
        byte[] raw = inner.get(MemoryKey.summary(cameraId));
        if (raw == null) {
            return;
        }
        CameraSummary before = CameraSummary.decode(cameraId, raw);
        CameraSummary s = before.withLatest(latestEventTime);
        long latest = s.latestEventTime();
        if (latest == Long.MIN_VALUE) {
            return; // only a temporal state so far: nothing to age
        }
        // retention first: never spend a merge on entries about to be deleted
        s = expire(cameraId, s, retentionCutoff(cameraId, latest));
        s = consolidate(cameraId, s, 1, bucketCutoff(latest, 1));
        s = consolidate(cameraId, s, 2, bucketCutoff(latest, 2));
        if (s != before) {
            writeSummary(cameraId, s);
        }
    }

    /** {@link #maintain} for every camera of this store at its own latest event time (for a punctuator). */
    public void maintainAll() {
        for (String camera : cameras()) {
            maintain(camera, Long.MIN_VALUE);
        }
    }

    private Applied putRaw(MemoryEntry clip, CameraSummary s) {
        Bytes key = MemoryKey.entry(clip.cameraId(), clip.start());
        byte[] old = inner.get(key);
        PutOutcome outcome = PutOutcome.STORED;
        if (old != null) {
            MemoryEntry previous = EntryCodec.decode(clip.cameraId(), old);
            if (previous.equals(clip)) {
                return new Applied(PutOutcome.DUPLICATE, s);
            }
            if (previous.tier() != 0) {
                return new Applied(PutOutcome.KEY_TAKEN, s);
            }
            s = globalMinus(s.removing(0, key.get().length + old.length), previous);
            outcome = PutOutcome.REPLACED;
        }
        return new Applied(outcome, globalPlus(write(s, clip), clip));
    }

    /** A clip whose tier-1 bucket is already consolidated joins its bucket's consolidated entry. */
    private Applied mergeLate(MemoryEntry clip, CameraSummary s) {
        String camera = clip.cameraId();
        int tier = clip.start() < s.tier2Frontier() ? 2 : 1;
        long width = config.bucketMillis(tier);
        long bucket = Math.floorDiv(clip.start(), width) * width;
        Stored target = null;
        for (Stored stored : scan(camera, bucket, bucket + width - 1)) {
            if (stored.entry().coversClip(clip.clipIndex())) {
                return new Applied(PutOutcome.DUPLICATE, s);
            }
            if (target == null && stored.entry().tier() == tier && sameModel(stored.entry(), clip)) {
                target = stored;
            }
        }
        MemoryEntry merged;
        if (target != null) {
            merged = consolidation.consolidate(tier, List.of(target.entry(), clip));
            s = s.removing(target.entry().tier(), target.size());
            if (merged.start() != target.entry().start()) {
                inner.delete(target.key());
            }
        } else {
            if (inner.get(MemoryKey.entry(camera, clip.start())) != null) {
                return new Applied(PutOutcome.KEY_TAKEN, s);
            }
            merged = consolidation.consolidate(tier, List.of(clip));
        }
        return new Applied(PutOutcome.MERGED_LATE, globalPlus(write(s, merged), clip));
    }

    /**
     * Consolidates every bucket of {@code tier} that starts in [frontier, cutoff) into one entry per model,
     * then moves the frontier to {@code cutoff}.
     */
    private CameraSummary consolidate(String camera, CameraSummary s, int tier, long cutoff) {
        long frontier = tier == 1 ? s.tier1Frontier() : s.tier2Frontier();
        if (cutoff <= frontier) {
            return s;
        }
        long width = config.bucketMillis(tier);
        long currentBucket = Long.MIN_VALUE;
        Map<String, List<Stored>> group = new LinkedHashMap<>();
        // RocksDB iterators read a consistent snapshot, so writing while iterating is safe
        try (KeyValueIterator<Bytes, byte[]> it = inner.range(MemoryKey.entry(camera, frontier),
                MemoryKey.entry(camera, cutoff - 1))) {
            while (it.hasNext()) {
                KeyValue<Bytes, byte[]> kv = it.next();
                Stored stored = new Stored(kv.key, EntryCodec.decode(camera, kv.value), kv.key.get().length + kv.value.length);
                long bucket = Math.floorDiv(stored.entry().start(), width);
                if (bucket != currentBucket) {
                    s = fold(s, tier, group);
                    group.clear();
                    currentBucket = bucket;
                }
                group.computeIfAbsent(modelKey(stored.entry()), m -> new ArrayList<>()).add(stored);
            }
        }
        s = fold(s, tier, group);
        return tier == 1 ? s.withFrontiers(cutoff, s.tier2Frontier()) : s.withFrontiers(s.tier1Frontier(), cutoff);
    }

    private CameraSummary fold(CameraSummary s, int tier, Map<String, List<Stored>> bucket) {
        for (List<Stored> members : bucket.values()) {
            if (members.size() == 1 && members.get(0).entry().tier() >= tier) {
                continue; // already at this tier: nothing to gain
            }
            MemoryEntry merged = consolidation.consolidate(tier, members.stream().map(Stored::entry).toList());
            for (Stored m : members) {
                s = s.removing(m.entry().tier(), m.size());
                if (m.entry().start() != merged.start()) {
                    inner.delete(m.key());
                }
            }
            s = write(s, merged);
        }
        return s;
    }

    /** Deletes entries ending before {@code cutoff}; skipped while no entry can have ended before it. */
    private CameraSummary expire(String camera, CameraSummary s, long cutoff) {
        if (cutoff <= s.nextExpiry()) {
            return s;
        }
        long nextExpiry = Long.MAX_VALUE;
        try (KeyValueIterator<Bytes, byte[]> it = inner.range(MemoryKey.entry(camera, Long.MIN_VALUE),
                MemoryKey.entry(camera, Long.MAX_VALUE))) {
            while (it.hasNext()) {
                KeyValue<Bytes, byte[]> kv = it.next();
                long start = MemoryKey.startOf(kv.key);
                if (start >= cutoff) {
                    nextExpiry = Math.min(nextExpiry, start); // entries from here on end at or after their start
                    break;
                }
                long end = EntryCodec.endOf(kv.value);
                if (end < cutoff) {
                    inner.delete(kv.key);
                    s = s.removing(EntryCodec.tierOf(kv.value), kv.key.get().length + kv.value.length);
                } else {
                    nextExpiry = Math.min(nextExpiry, end);
                }
            }
        }
        return s.withNextExpiry(nextExpiry);
    }

    private CameraSummary write(CameraSummary s, MemoryEntry entry) {
        Bytes key = MemoryKey.entry(entry.cameraId(), entry.start());
        byte[] value = EntryCodec.encode(entry);
        inner.put(key, value);
        return s.adding(entry, key.get().length + value.length);
    }

    private void writeSummary(String camera, CameraSummary s) {
        inner.put(MemoryKey.summary(camera), s.encode());
    }

    /** Adds a raw clip's frame embeddings to the running global embedding; a new model starts it afresh. */
    private static CameraSummary globalPlus(CameraSummary s, MemoryEntry clip) {
        TokenBlock frames = clip.frameEmbeddings();
        if (frames.count() == 0) {
            return s;
        }
        boolean fresh = !clip.modelId().equals(s.globalModelId()) || s.globalSum().length != frames.dim();
        float[] sum = fresh ? new float[frames.dim()] : s.globalSum().clone();
        add(sum, frames, 1);
        return s.withGlobal(clip.modelId(), (fresh ? 0 : s.globalCount()) + frames.count(), sum);
    }

    /** Takes a replaced raw clip's frame embeddings out of the global embedding, so a re-put counts once. */
    private static CameraSummary globalMinus(CameraSummary s, MemoryEntry clip) {
        TokenBlock frames = clip.frameEmbeddings();
        if (frames.count() == 0 || !clip.modelId().equals(s.globalModelId())
                || s.globalSum().length != frames.dim()) {
            return s;
        }
        float[] sum = s.globalSum().clone();
        add(sum, frames, -1);
        return s.withGlobal(s.globalModelId(), Math.max(0, s.globalCount() - frames.count()), sum);
    }

    private static void add(float[] sum, TokenBlock frames, int sign) {
        for (int i = 0; i < frames.count(); i++) {
            float[] row = frames.row(i);
            for (int d = 0; d < sum.length; d++) {
                sum[d] += sign * row[d];
            }
        }
    }

    private void checkRawClip(MemoryEntry clip) {
        MemoryKey.cameraBytes(clip.cameraId());
        if (clip.tier() != 0 || clip.covers().size() != 1 || clip.covers().get(0).clipIndex() != clip.clipIndex()) {
            throw new IllegalArgumentException("put takes raw clips (tier 0, covering themselves), got " + clip);
        }
        if (clip.modelId().getBytes(StandardCharsets.UTF_8).length > MAX_MODEL_ID_BYTES) {
            throw new IllegalArgumentException("model id longer than " + MAX_MODEL_ID_BYTES + " UTF-8 bytes");
        }
        if (clip.tokens().count() > config.maxTokensPerClip()) {
            throw new IllegalArgumentException("clip " + clip.clipIndex() + " of camera " + clip.cameraId() + " has "
                    + clip.tokens().count() + " tokens; TokenMemory accepts at most " + config.maxTokensPerClip());
        }
        if (clip.frameEmbeddings().count() > config.maxFramesPerClip()) {
            throw new IllegalArgumentException("clip " + clip.clipIndex() + " of camera " + clip.cameraId() + " has "
                    + clip.frameEmbeddings().count() + " frame embeddings; TokenMemory accepts at most "
                    + config.maxFramesPerClip());
        }
        if (clip.keyframe() != null && clip.keyframe().length > config.maxKeyframeBytes()) {
            throw new IllegalArgumentException("clip " + clip.clipIndex() + " of camera " + clip.cameraId()
                    + " has a keyframe of " + clip.keyframe().length + " bytes; TokenMemory accepts at most "
                    + config.maxKeyframeBytes());
        }
    }

    private long retentionCutoff(String camera, long latest) {
        return saturatedMinus(latest, config.retentionFor(camera).toMillis());
    }

    /** Start of the first bucket of {@code tier} that is not yet entirely older than the tier's age. */
    private long bucketCutoff(long latest, int tier) {
        long width = config.bucketMillis(tier);
        return Math.floorDiv(saturatedMinus(latest, config.ageMillis(tier)), width) * width;
    }

    private static long saturatedMinus(long a, long b) {
        long r = a - b;
        return ((a ^ b) & (a ^ r)) < 0 ? Long.MIN_VALUE : r;
    }

    private static boolean sameModel(MemoryEntry a, MemoryEntry b) {
        return modelKey(a).equals(modelKey(b));
    }

    /** Entries merge only when model, merge metric and both dims agree: tokens of different bundles never mix. */
    private static String modelKey(MemoryEntry e) {
        return e.modelId() + '\0' + e.mergeMetricChunk() + '\0' + e.tokens().dim() + '\0' + e.frameEmbeddings().dim();
    }

    // ---------------------------------------------------------------- reads

    @Override
    public List<MemoryEntry> range(String cameraId, long from, long to) {
        if (to < from) {
            return List.of();
        }
        CameraSummary s = summary(cameraId);
        // an entry starting up to maxSpan before `from` may still overlap it
        List<MemoryEntry> out = new ArrayList<>();
        for (Stored stored : scan(cameraId, saturatedMinus(from, s.maxSpan()), to)) {
            if (stored.entry().overlaps(from, to)) {
                out.add(stored.entry());
            }
        }
        return out;
    }

    @Override
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

    @Override
    public List<ScoredEntry> similar(String cameraId, float[] embedding, long from, long to, int k) {
        if (k <= 0 || to < from) {
            return List.of();
        }
        // one decode buffer for the whole scan, grown to the largest entry: scoring allocates nothing per row
        float[] rows = new float[0];
        Comparator<Candidate> worstFirst = Comparator.comparingDouble(Candidate::score)
                .thenComparing(Candidate::start, Comparator.reverseOrder());
        PriorityQueue<Candidate> best = new PriorityQueue<>(worstFirst);
        // Exact scan: a few thousand entries per camera at most (MemoryBound). Each entry is scored from its
        // frame embeddings in place (EntryCodec.embeddingsOf); only the best k are decoded, and checked, in full.
        // An ANN index (HNSW over the pooled embeddings, kept per camera beside the entries and rebuilt from the
        // changelog) would go here when a store holds many cameras over long retention.
        for (String camera : cameraId == null ? cameras() : List.of(cameraId)) {
            // an entry starting up to maxSpan before `from` may still overlap it
            long fromStart = saturatedMinus(from, summary(camera).maxSpan());
            try (KeyValueIterator<Bytes, byte[]> it = inner.range(MemoryKey.entry(camera, fromStart),
                    MemoryKey.entry(camera, to))) {
                while (it.hasNext()) {
                    byte[] value = it.next().value;
                    EntryCodec.EmbeddingView view = EntryCodec.embeddingsOf(camera, value);
                    if (!MemoryEntry.overlaps(view.start(), view.end(), from, to) || view.dim() != embedding.length
                            || view.count() == 0) {
                        continue;
                    }
                    if (rows.length < view.count() * view.dim()) {
                        rows = new float[view.count() * view.dim()];
                    }
                    view.rowsInto(rows);
                    double score = Similarity.maxCosine(embedding, rows, view.count(), view.dim()).score();
                    best.add(new Candidate(camera, view.start(), score, value));
                    if (best.size() > k) {
                        best.poll();
                    }
                }
            }
        }
        List<Candidate> top = new ArrayList<>(best);
        top.sort(worstFirst.reversed());
        List<ScoredEntry> out = new ArrayList<>(top.size());
        for (Candidate c : top) {
            out.add(new ScoredEntry(EntryCodec.decode(c.camera(), c.value()), c.score()));
        }
        return out;
    }

    /** An entry of a similarity scan, scored but not yet decoded. */
    private record Candidate(String camera, long start, double score, byte[] value) {
    }

    @Override
    public GlobalEmbedding globalEmbedding(String cameraId) {
        return GlobalEmbedding.of(cameraId, summary(cameraId));
    }

    @Override
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

    @Override
    public long approximateBytes(String cameraId) {
        Bytes key = MemoryKey.summary(cameraId);
        byte[] raw = inner.get(key);
        if (raw == null) {
            return 0;
        }
        CameraSummary s = CameraSummary.decode(cameraId, raw);
        return s.entryBytes() + s.temporalStateBytes() + key.get().length + raw.length;
    }

    @Override
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

    @Override
    public List<String> cameras() {
        List<String> out = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> it = inner.range(MemoryKey.firstSummary(), MemoryKey.lastSummary())) {
            while (it.hasNext()) {
                out.add(MemoryKey.cameraOfSummary(it.next().key));
            }
        }
        return out;
    }

    private CameraSummary summary(String camera) {
        byte[] raw = inner.get(MemoryKey.summary(camera));
        return raw == null ? CameraSummary.empty() : CameraSummary.decode(camera, raw);
    }

    private List<Stored> scan(String camera, long fromStart, long toStart) {
        List<Stored> out = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> it = inner.range(MemoryKey.entry(camera, fromStart),
                MemoryKey.entry(camera, toStart))) {
            while (it.hasNext()) {
                KeyValue<Bytes, byte[]> kv = it.next();
                out.add(new Stored(kv.key, EntryCodec.decode(camera, kv.value), kv.key.get().length + kv.value.length));
            }
        }
        return out;
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

    private record Stored(Bytes key, MemoryEntry entry, long size) {
    }

    private record Applied(PutOutcome outcome, CameraSummary summary) {
    }
}
