package dev.vigil.state.internals;

import dev.vigil.schema.TemporalState;
import dev.vigil.state.MemoryEntry;
import dev.vigil.state.PutOutcome;
import dev.vigil.state.TokenBlock;
import dev.vigil.state.TokenMemoryConfig;
import dev.vigil.state.TokenMemoryStore;
import dev.vigil.state.internals.MemoryRecords.Stored;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * TokenMemory's write path: stores raw clips and temporal states, ages a camera's entries through the
 * consolidated tiers and deletes them after the retention, keeping the camera's summary in step.
 *
 * <p>Invariants (those of {@link CameraSummary}, kept by every method here): entries starting before the tier-1
 * frontier are consolidated, those before the tier-2 frontier are tier 2; a camera's summary counts exactly its
 * live entries; one consolidated entry per bucket and model ({@link #modelKey}). Maintenance is incremental: each
 * tier scans only from its frontier to its new cutoff, and retention only once its cutoff passes the summary's
 * next-expiry bound, so a call with nothing due costs one summary read. A summary is rewritten only when it
 * changed (the {@code with…} methods return the same instance when nothing does).
 */
public final class Tiering {
    private final TokenMemoryConfig config;
    private final MemoryRecords records;
    private final Consolidation consolidation;

    public Tiering(TokenMemoryConfig config, MemoryRecords records) {
        this.config = config;
        this.records = records;
        this.consolidation = new Consolidation(config);
    }

    /**
     * Stores one raw clip entry, or merges it into its bucket's consolidated entry if that bucket is already
     * consolidated.
     *
     * @throws IllegalArgumentException if the entry is not a raw clip or exceeds the configured per-clip
     *                                  limits (the caller dead-letters it; the memory bound depends on them)
     */
    public PutOutcome put(MemoryEntry clip) {
        checkRawClip(clip);
        String camera = clip.cameraId();
        CameraSummary before = records.summary(camera);
        long latest = Math.max(before.latestEventTime(), clip.end());
        if (clip.end() < retentionCutoff(camera, latest)) {
            return PutOutcome.EXPIRED;
        }
        Applied applied = clip.start() < before.tier1Frontier()
                ? mergeLate(clip, before)
                : putRaw(clip, before);
        CameraSummary after = applied.summary().withLatest(clip.end());
        if (after != before) {
            records.writeSummary(camera, after);
        }
        return applied.outcome();
    }

    /**
     * Keeps the camera's latest temporal state: replaced only by one of the same model with an equal or higher
     * {@code lastClipIndex}, or by one of another model.
     *
     * @return whether the state was stored
     */
    public boolean putTemporalState(TemporalState state) {
        String camera = state.getCameraId();
        Optional<TemporalState> previous = records.latestTemporalState(camera);
        if (previous.isPresent() && previous.get().getModelId().equals(state.getModelId())
                && previous.get().getLastClipIndex() > state.getLastClipIndex()) {
            return false;
        }
        long size = records.writeTemporalState(state);
        records.writeSummary(camera, records.summary(camera).withTemporalStateBytes(size));
        return true;
    }

    /**
     * Ages one camera's memory to {@code latestEventTime} (or its own latest event time, if later): deletes
     * entries past the retention, consolidates due tier-1 and tier-2 buckets.
     */
    public void maintain(String cameraId, long latestEventTime) {
        Optional<CameraSummary> stored = records.storedSummary(cameraId);
        if (stored.isEmpty()) {
            return;
        }
        CameraSummary before = stored.get();
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
            records.writeSummary(cameraId, s);
        }
    }

    private Applied putRaw(MemoryEntry clip, CameraSummary s) {
        byte[] old = records.entryAt(clip.cameraId(), clip.start());
        PutOutcome outcome = PutOutcome.STORED;
        if (old != null) {
            MemoryEntry previous = EntryCodec.decode(clip.cameraId(), old);
            if (previous.equals(clip)) {
                return new Applied(PutOutcome.DUPLICATE, s);
            }
            if (previous.tier() != 0) {
                return new Applied(PutOutcome.KEY_TAKEN, s);
            }
            int keySize = MemoryKey.entry(clip.cameraId(), clip.start()).get().length;
            s = globalMinus(s.removing(0, keySize + old.length), previous);
            outcome = PutOutcome.REPLACED;
        }
        return new Applied(outcome, globalPlus(records.write(s, clip), clip));
    }

    /** A clip whose tier-1 bucket is already consolidated joins its bucket's consolidated entry. */
    private Applied mergeLate(MemoryEntry clip, CameraSummary s) {
        String camera = clip.cameraId();
        int tier = clip.start() < s.tier2Frontier() ? 2 : 1;
        long width = config.bucketMillis(tier);
        long bucket = Math.floorDiv(clip.start(), width) * width;
        Stored target = null;
        for (Stored stored : records.scan(camera, bucket, bucket + width - 1)) {
            if (stored.entry().coversClip(clip.clipIndex())) {
                return new Applied(PutOutcome.DUPLICATE, s);
            }
            if (target == null && stored.entry().tier() == tier && modelKey(stored.entry()).equals(modelKey(clip))) {
                target = stored;
            }
        }
        MemoryEntry merged;
        if (target != null) {
            merged = consolidation.consolidate(tier, List.of(target.entry(), clip));
            s = s.removing(target.entry().tier(), target.size());
            if (merged.start() != target.entry().start()) {
                records.delete(target.key());
            }
        } else {
            if (records.hasEntryAt(camera, clip.start())) {
                return new Applied(PutOutcome.KEY_TAKEN, s);
            }
            merged = consolidation.consolidate(tier, List.of(clip));
        }
        return new Applied(PutOutcome.MERGED_LATE, globalPlus(records.write(s, merged), clip));
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
        try (KeyValueIterator<Bytes, byte[]> it = records.entries(camera, frontier, cutoff - 1)) {
            while (it.hasNext()) {
                Stored stored = Stored.of(camera, it.next());
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
                    records.delete(m.key());
                }
            }
            s = records.write(s, merged);
        }
        return s;
    }

    /** Deletes entries ending before {@code cutoff}; skipped while no entry can have ended before it. */
    private CameraSummary expire(String camera, CameraSummary s, long cutoff) {
        if (cutoff <= s.nextExpiry()) {
            return s;
        }
        long nextExpiry = Long.MAX_VALUE;
        try (KeyValueIterator<Bytes, byte[]> it = records.entries(camera, Long.MIN_VALUE, Long.MAX_VALUE)) {
            while (it.hasNext()) {
                KeyValue<Bytes, byte[]> kv = it.next();
                long start = MemoryKey.startOf(kv.key);
                if (start >= cutoff) {
                    nextExpiry = Math.min(nextExpiry, start); // entries from here on end at or after their start
                    break;
                }
                long end = EntryCodec.endOf(kv.value);
                if (end < cutoff) {
                    records.delete(kv.key);
                    s = s.removing(EntryCodec.tierOf(kv.value), kv.key.get().length + kv.value.length);
                } else {
                    nextExpiry = Math.min(nextExpiry, end);
                }
            }
        }
        return s.withNextExpiry(nextExpiry);
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
        if (clip.modelId().getBytes(StandardCharsets.UTF_8).length > TokenMemoryStore.MAX_MODEL_ID_BYTES) {
            throw new IllegalArgumentException("model id longer than " + TokenMemoryStore.MAX_MODEL_ID_BYTES
                    + " UTF-8 bytes");
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
        if (clip.clipEmbeddings().count() > MemoryEntry.MAX_CLIP_EMBEDDINGS_PER_CLIP) {
            throw new IllegalArgumentException("clip " + clip.clipIndex() + " of camera " + clip.cameraId() + " has "
                    + clip.clipEmbeddings().count() + " clip embeddings; TokenMemory accepts at most "
                    + MemoryEntry.MAX_CLIP_EMBEDDINGS_PER_CLIP);
        }
        if (clip.keyframe() != null && clip.keyframe().length > config.maxKeyframeBytes()) {
            throw new IllegalArgumentException("clip " + clip.clipIndex() + " of camera " + clip.cameraId()
                    + " has a keyframe of " + clip.keyframe().length + " bytes; TokenMemory accepts at most "
                    + config.maxKeyframeBytes());
        }
    }

    private long retentionCutoff(String camera, long latest) {
        return CameraSummary.saturatedMinus(latest, config.retentionFor(camera).toMillis());
    }

    /** Start of the first bucket of {@code tier} that is not yet entirely older than the tier's age. */
    private long bucketCutoff(long latest, int tier) {
        long width = config.bucketMillis(tier);
        return Math.floorDiv(CameraSummary.saturatedMinus(latest, config.ageMillis(tier)), width) * width;
    }

    /**
     * Entries merge only when model, merge metric and both dims agree: tokens of different bundles never mix.
     */
    private static String modelKey(MemoryEntry e) {
        return e.modelId() + '\0' + e.mergeMetricChunk() + '\0' + e.tokens().dim() + '\0' + e.frameEmbeddings().dim();
    }

    private record Applied(PutOutcome outcome, CameraSummary summary) {
    }
}
