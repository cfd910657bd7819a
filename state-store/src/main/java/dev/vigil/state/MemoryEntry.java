package dev.vigil.state;

import dev.vigil.schema.ClipTokens;
import dev.vigil.schema.TokenMatrix;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One entry of a camera's token memory: a raw clip (tier 0) or a consolidation of several (tier 1, 2).
 *
 * <p>Invariants: {@code tokenSizes.length == tokens.count()}, {@code frameTimes.length ==
 * frameEmbeddings.count()}, {@code clipEmbeddings.dim() == frameEmbeddings.dim()} (one embedding space),
 * {@code start <= end}, {@code covers} is non-empty and in time order, and a raw entry covers exactly itself.
 *
 * @param cameraId        the camera
 * @param clipIndex       a raw clip's index; for a consolidated entry the index of its first covered clip
 * @param start           event time of the first covered frame, epoch millis (the entry's key)
 * @param end             event time of the end of the last covered clip, epoch millis
 * @param modelId         the model bundle that produced the tokens; entries of different bundles never merge
 * @param mergeMetricChunk the bundle's merge metric chunk ({@code bundle.json} {@code merge.metricChunk}), as the
 *                        clip's {@code ClipTokens} carried it: consolidation merges the tokens on the same metric
 * @param tier            0 = raw clip, 1 and 2 = consolidated
 * @param tokens          merged visual tokens, fp16
 * @param tokenSizes      how many original patch tokens each token stands for
 * @param frameEmbeddings pooled per-frame embeddings (a consolidated entry keeps a few averages), fp16
 * @param frameTimes      event time of each frame embedding
 * @param clipEmbeddings  clip embeddings from the bundle's temporal readout, in the frame embeddings' space, fp16:
 *                        one for a raw clip of a bundle with a readout, a few merged by similarity for a consolidated
 *                        entry, none (an empty block of the frame embeddings' width, never {@code null}) for a
 *                        bundle without one or an entry stored before clips carried it. They have no times of their
 *                        own: each stands for a whole clip (see {@code Similarity.entryScore})
 * @param keyframe        a small JPEG thumbnail, or {@code null}
 * @param samplingStride  1 = every frame encoded; k = every k-th frame (the largest of the covered clips)
 * @param partial         whether any covered clip was partial
 * @param covers          the original clips this entry stands for
 */
public record MemoryEntry(
        String cameraId,
        long clipIndex,
        long start,
        long end,
        String modelId,
        int mergeMetricChunk,
        int tier,
        TokenBlock tokens,
        int[] tokenSizes,
        TokenBlock frameEmbeddings,
        long[] frameTimes,
        TokenBlock clipEmbeddings,
        byte[] keyframe,
        int samplingStride,
        boolean partial,
        List<CoveredClip> covers) {

    /** The highest tier; tier 2 entries are only ever deleted by retention. */
    public static final int MAX_TIER = 2;
    /**
     * Clip embeddings a raw clip may carry: the encoder's temporal readout gives one per clip, and
     * {@link MemoryBound} counts on no more.
     */
    public static final int MAX_CLIP_EMBEDDINGS_PER_CLIP = 1;

    public MemoryEntry {
        Objects.requireNonNull(cameraId, "cameraId");
        Objects.requireNonNull(modelId, "modelId");
        Objects.requireNonNull(tokens, "tokens");
        Objects.requireNonNull(frameEmbeddings, "frameEmbeddings");
        Objects.requireNonNull(clipEmbeddings, "clipEmbeddings");
        covers = List.copyOf(covers);
        if (tier < 0 || tier > MAX_TIER) {
            throw new IllegalArgumentException("tier must be 0.." + MAX_TIER + ", got " + tier);
        }
        if (end < start) {
            throw new IllegalArgumentException("end " + end + " is before start " + start);
        }
        if (tokenSizes.length != tokens.count()) {
            throw new IllegalArgumentException(tokenSizes.length + " token sizes for " + tokens.count() + " tokens");
        }
        if (frameTimes.length != frameEmbeddings.count()) {
            throw new IllegalArgumentException(frameTimes.length + " frame times for " + frameEmbeddings.count()
                    + " frame embeddings");
        }
        if (clipEmbeddings.dim() != frameEmbeddings.dim()) {
            throw new IllegalArgumentException("clip embeddings of width " + clipEmbeddings.dim()
                    + " beside frame embeddings of width " + frameEmbeddings.dim() + ": they share one space");
        }
        if (covers.isEmpty()) {
            throw new IllegalArgumentException("an entry covers at least one clip");
        }
        if (mergeMetricChunk < 1) {
            throw new IllegalArgumentException("merge metric chunk must be >= 1, got " + mergeMetricChunk);
        }
        if (samplingStride < 1) {
            throw new IllegalArgumentException("sampling stride must be >= 1, got " + samplingStride);
        }
    }

    /** The raw (tier 0) entry of one clip as the encoder workers publish it. */
    public static MemoryEntry fromClip(ClipTokens clip) {
        List<java.time.Instant> times = clip.getFrameTimes();
        long[] frameTimes = new long[times.size()];
        for (int i = 0; i < frameTimes.length; i++) {
            frameTimes[i] = times.get(i).toEpochMilli();
        }
        List<Integer> sizes = clip.getTokenSizes();
        int[] tokenSizes = new int[sizes.size()];
        for (int i = 0; i < tokenSizes.length; i++) {
            tokenSizes[i] = sizes.get(i);
        }
        long start = clip.getStart().toEpochMilli();
        long end = clip.getEnd().toEpochMilli();
        TokenBlock frames = block(clip.getFrameEmbeddings());
        // null: a bundle without a temporal readout, or a record written before the field
        TokenBlock clipEmbeddings = clip.getClipEmbeddings() == null ? TokenBlock.empty(frames.dim())
                : block(clip.getClipEmbeddings());
        return new MemoryEntry(clip.getCameraId(), clip.getClipIndex(), start, end, clip.getModelId(), clip.getMergeMetricChunk(), 0,
                block(clip.getTokens()), tokenSizes, frames, frameTimes, clipEmbeddings,
                clip.getKeyframe() == null ? null : bytes(clip.getKeyframe()),
                clip.getSamplingStride(), clip.getPartial(),
                List.of(new CoveredClip(clip.getClipIndex(), start, end)));
    }

    /** Whether this entry stands for the clip with the given index. */
    public boolean coversClip(long index) {
        for (CoveredClip c : covers) {
            if (c.clipIndex() == index) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the entry's span overlaps the closed interval [from, to]. Spans are half-open, [start, end),
     * because a clip ends where the next begins; an instantaneous entry (start == end) counts at its start.
     */
    public boolean overlaps(long from, long to) {
        return overlaps(start, end, from, to);
    }

    /** {@link #overlaps(long, long)} for a span given by its bounds (an entry not decoded yet). */
    public static boolean overlaps(long start, long end, long from, long to) {
        return start <= to && (end > from || (start == end && start >= from));
    }

    private static TokenBlock block(TokenMatrix m) {
        return new TokenBlock(m.getCount(), m.getDim(), bytes(m.getFp16()));
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer b = buffer.duplicate();
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MemoryEntry e
                && cameraId.equals(e.cameraId) && clipIndex == e.clipIndex && start == e.start && end == e.end
                && modelId.equals(e.modelId) && mergeMetricChunk == e.mergeMetricChunk && tier == e.tier && tokens.equals(e.tokens)
                && Arrays.equals(tokenSizes, e.tokenSizes) && frameEmbeddings.equals(e.frameEmbeddings)
                && Arrays.equals(frameTimes, e.frameTimes) && clipEmbeddings.equals(e.clipEmbeddings)
                && Arrays.equals(keyframe, e.keyframe)
                && samplingStride == e.samplingStride && partial == e.partial && covers.equals(e.covers);
    }

    @Override
    public int hashCode() {
        return Objects.hash(cameraId, clipIndex, start, end, modelId, mergeMetricChunk, tier, tokens, Arrays.hashCode(tokenSizes),
                frameEmbeddings, Arrays.hashCode(frameTimes), clipEmbeddings, Arrays.hashCode(keyframe), samplingStride, partial,
                covers);
    }

    @Override
    public String toString() {
        return "MemoryEntry[" + cameraId + " #" + clipIndex + " " + start + ".." + end + " tier " + tier + " "
                + tokens + " frames " + frameEmbeddings.count() + " clip embeddings " + clipEmbeddings.count()
                + " covers " + covers.size() + "]";
    }
}
