package dev.vigil.models.clip;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import dev.vigil.models.bundle.ModelBundle;
import dev.vigil.models.image.RgbFrame;
import dev.vigil.models.mamba.MambaOutput;
import dev.vigil.models.mamba.MambaState;
import dev.vigil.models.mamba.MambaStateDims;
import dev.vigil.models.mamba.MambaStateFormatException;
import dev.vigil.models.merge.HeadChunkMeanMetric;
import dev.vigil.models.merge.TensorTokenMerging;
import dev.vigil.models.merge.TokenMerger;
import dev.vigil.models.merge.TokenSet;
import dev.vigil.models.pooling.GlobalSemantics;
import dev.vigil.models.pooling.TemporalSampling;
import dev.vigil.models.siglip.FrameEncoding;
import dev.vigil.models.siglip.TokenReadout;
import dev.vigil.models.text.TextEmbedder;
import dev.vigil.tokens.Fp16;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.LongStream;

/**
 * Encodes a batch of clips from many cameras with one model bundle: vision tower → Mamba temporal encoder
 * (state carried per camera) → bipartite merging to the bundle's token budget, plus each camera's running
 * global semantics.
 *
 * <p>Batching: the vision tower sees every encoded frame of every clip of the batch in one forward (or in
 * chunks of {@code maxFramesPerForward}); Mamba runs all cameras at once, grouped by encoded frame count
 * because padding a shorter clip would push padding through the carried state; merging runs per group of
 * equal length. When the same camera has several clips in one batch (in its capture order), they are
 * encoded in that order, each continuing from the state the previous one produced, exactly as if they had
 * come in separate batches.
 *
 * <p>Temporal sampling happens before the vision tower, so skipped frames cost nothing. (STORM samples after
 * its temporal encoder; on a live stream the point is to save the vision forward, so vigil drops the frames
 * first, and Mamba then sees only the kept frames.)
 *
 * <p>Thread-safe: weights are only read and every call works in its own sub-manager, freed before it returns.
 * Close the encoder to free the temporal encoder's weights; the bundle stays the caller's.
 */
public final class ClipEncoder implements AutoCloseable {

    /**
     * Tensor prefix of the optional temporal readout: an attention-pooling head over a clip's merged tokens into the
     * frame embeddings' space ({@link EncodedClip#clipEmbeddingFp16()}).
     */
    public static final String READOUT_PREFIX = "temporal_readout";

    private final ModelBundle bundle;
    private final int maxFramesPerForward;
    private final Optional<TemporalStack> temporal;
    private final Optional<TokenReadout> readout;
    private final NDManager readoutWeights;
    private final TokenMerger merger;
    private final StreamStateFormat stateFormat;
    private final int patchesPerFrame;
    private final int dim;

    /**
     * @param bundle              a loaded bundle; its temporal weights are loaded now when it has a temporal
     *                            encoder
     * @param maxFramesPerForward the most frames one vision forward may take (bounds activation memory)
     * @throws dev.vigil.models.weights.WeightsException naming the tensor if the temporal weights are incomplete
     */
    public ClipEncoder(ModelBundle bundle, int maxFramesPerForward) {
        if (maxFramesPerForward < 1) {
            throw new IllegalArgumentException("maxFramesPerForward must be >= 1, got " + maxFramesPerForward);
        }
        this.bundle = bundle;
        this.maxFramesPerForward = maxFramesPerForward;
        this.temporal = bundle.temporal().enabled() ? Optional.of(TemporalStack.load(bundle)) : Optional.empty();
        this.readoutWeights = bundle.manager().newSubManager();
        this.readout = TokenReadout.present(bundle.weights(), READOUT_PREFIX)
                ? Optional.of(TokenReadout.load(bundle.weights(), READOUT_PREFIX, bundle.vision().config().dims(),
                        bundle.tokenBudget().clipFrames(), readoutWeights))
                : Optional.empty();
        this.merger = new TokenMerger(new TensorTokenMerging(
                new HeadChunkMeanMetric(bundle.merge().metricChunk()), false, false, bundle.merge().order()));
        this.stateFormat = new StreamStateFormat();
        this.patchesPerFrame = bundle.vision().config().tokensPerFrame();
        this.dim = bundle.vision().config().dims().hidden();
    }

    /** The bundle this encoder runs. */
    public ModelBundle bundle() {
        return bundle;
    }

    /** Token and frame-embedding width. */
    public int dim() {
        return dim;
    }

    /** The Mamba config of a bundle's temporal encoder ({@code temporal.*}), as the encoder builds it. */
    public static dev.vigil.models.mamba.MambaConfig temporalConfig(ModelBundle bundle) {
        return TemporalStack.configOf(bundle);
    }

    /** Whether the bundle has a temporal readout, so that clips get a clip embedding. */
    public boolean hasReadout() {
        return readout.isPresent();
    }

    /** Whether a Mamba temporal encoder runs between the vision tower and merging. */
    public boolean hasTemporalEncoder() {
        return temporal.isPresent();
    }

    /**
     * Decodes a stream's serialised state and checks it fits this bundle.
     *
     * @throws ClipStateException naming the stream and what does not fit
     */
    public StreamState readState(String streamId, byte[] state) {
        try {
            return stateFormat.read(state, temporalDims(), dim);
        } catch (IllegalArgumentException | MambaStateFormatException e) {
            throw new ClipStateException(streamId, "its state cannot be resumed by bundle '" + bundle.id() + "': "
                    + e.getMessage(), e);
        }
    }

    /**
     * Encodes a batch of clips.
     *
     * <p>Each stream's state is taken from its first clip in the batch; a later clip of the same stream continues
     * from the state its predecessor in the batch produced (its own {@code state} is not read).
     *
     * @return one result per input clip, in input order
     * @throws ClipStateException if a state cannot be resumed; nothing of the batch is encoded then
     */
    public List<EncodedClip> encode(List<ClipInput> clips) {
        if (clips.isEmpty()) {
            return List.of();
        }
        Map<String, StreamState> states = new HashMap<>();
        for (ClipInput clip : clips) {
            states.computeIfAbsent(clip.streamId(), id -> initial(clip));
        }
        List<PlannedClip> plan = plan(clips, states);
        List<RgbFrame> frames = new ArrayList<>();
        for (PlannedClip p : plan) {
            for (int k : p.kept()) {
                frames.add(p.input().frames().get(k));
            }
        }
        try (NDManager scratch = bundle.manager().newSubManager()) {
            FrameEncoding vision = frames.isEmpty() ? null : encodeFrames(frames, scratch);
            NDArray[] hidden = new NDArray[plan.size()];
            List<Optional<MambaState>> temporalOf = temporal.isPresent()
                    ? runTemporal(plan, vision, states, hidden, scratch)
                    : passPatches(plan, vision, hidden, scratch);
            MergedTokens[] merged = merge(plan, hidden);
            List<EncodedClip> out = new ArrayList<>(plan.size());
            for (PlannedClip p : plan) {
                String id = p.input().streamId();
                StreamState before = states.get(id);
                GlobalSemantics global = before.global();
                byte[] embeddings = new byte[0];
                if (p.frameCount() > 0) {
                    NDArray pooled = vision.pooled().get(new NDIndex("{}:{}", p.firstRow(),
                            p.firstRow() + p.frameCount()));
                    global = global.plus(pooled);
                    embeddings = Fp16.toBytes(pooled.toFloatArray());
                }
                StreamState after = new StreamState(p.firstFrame() + p.input().frames().size(),
                        temporalOf.get(p.index()), global);
                states.put(id, after);
                MergedTokens m = merged[p.index()];
                out.add(new EncodedClip(id, Fp16.toBytes(m.features()), m.sizes().length, dim, m.sizes(),
                        embeddings, p.frameCount(), p.kept().clone(), stateFormat.write(after), global.mean(),
                        m.readout()));
            }
            return out;
        }
    }

    /**
     * Embeds text queries with the bundle's text encoder (SigLIP text tower, or sentence encoder + projection).
     *
     * @return {@code [texts][projection]} fp32 embeddings, or empty when the bundle has no text tower (see
     *     {@link ModelBundle#textUnavailableReason()})
     */
    public Optional<float[][]> embedText(List<String> texts) {
        Optional<TextEmbedder> text = bundle.text();
        if (text.isEmpty()) {
            return Optional.empty();
        }
        if (texts.isEmpty()) {
            return Optional.of(new float[0][]);
        }
        try (NDManager scratch = bundle.manager().newSubManager()) {
            NDArray embedded = text.get().embed(texts, scratch);
            int width = Math.toIntExact(embedded.getShape().get(1));
            float[] flat = embedded.toFloatArray();
            float[][] out = new float[texts.size()][];
            for (int i = 0; i < out.length; i++) {
                out[i] = Arrays.copyOfRange(flat, i * width, (i + 1) * width);
            }
            return Optional.of(out);
        }
    }

    /**
     * The bundle's frozen sentence encoder's vectors of {@code texts} (see {@link TextEmbedder#sentenceVectors}),
     * or empty when the bundle's text side has none.
     */
    public Optional<float[][]> sentenceVectors(List<String> texts) {
        return bundle.text().flatMap(t -> t.sentenceVectors(texts));
    }

    /** Frees the temporal encoder's and the readout's weights. */
    @Override
    public void close() {
        temporal.ifPresent(TemporalStack::close);
        readoutWeights.close();
    }

    /** A clip's place in the batch: which of its frames are encoded and where their rows are. */
    private record PlannedClip(int index, ClipInput input, int wave, long firstFrame, int[] kept, int firstRow) {
        int frameCount() {
            return kept.length;
        }
    }

    /** One clip's merged tokens on the host. */
    private record MergedTokens(float[] features, int[] sizes, byte[] readout) {
        static final MergedTokens NONE = new MergedTokens(new float[0], new int[0], new byte[0]);
    }

    private StreamState initial(ClipInput clip) {
        return clip.state().isPresent()
                ? readState(clip.streamId(), clip.state().get())
                : StreamState.fresh(temporal.map(t -> t.encoder().initialState()), dim);
    }

    private Optional<MambaStateDims> temporalDims() {
        return temporal.map(t -> t.config().stateDims());
    }

    /**
     * Assigns every clip its wave (how many clips of its stream come before it in the batch), its sampled frames
     * and its rows in the batch's vision output. Sampling needs only the frame counts, so every wave is planned
     * (and its frames encoded) up front.
     */
    private static List<PlannedClip> plan(List<ClipInput> clips, Map<String, StreamState> states) {
        Map<String, Long> nextFrame = new HashMap<>();
        Map<String, Integer> seen = new HashMap<>();
        List<PlannedClip> plan = new ArrayList<>(clips.size());
        int row = 0;
        for (int i = 0; i < clips.size(); i++) {
            ClipInput clip = clips.get(i);
            String id = clip.streamId();
            long first = nextFrame.getOrDefault(id, states.get(id).framesSeen());
            int wave = seen.merge(id, 1, Integer::sum) - 1;
            int[] kept = Arrays.stream(new TemporalSampling(clip.samplingStride()).keptFrames(first, clip.frames().size()))
                    .mapToInt(g -> Math.toIntExact(g - first))
                    .toArray();
            plan.add(new PlannedClip(i, clip, wave, first, kept, row));
            row += kept.length;
            nextFrame.put(id, first + clip.frames().size());
        }
        return plan;
    }

    /** The vision tower over all frames, in forwards of at most {@code maxFramesPerForward}. */
    private FrameEncoding encodeFrames(List<RgbFrame> frames, NDManager out) {
        if (frames.size() <= maxFramesPerForward) {
            return bundle.vision().encode(frames, out);
        }
        NDList tokens = new NDList();
        NDList pooled = new NDList();
        for (int start = 0; start < frames.size(); start += maxFramesPerForward) {
            FrameEncoding chunk = bundle.vision().encode(
                    frames.subList(start, Math.min(frames.size(), start + maxFramesPerForward)), out);
            tokens.add(chunk.patchTokens());
            pooled.add(chunk.pooled());
        }
        FrameEncoding all = new FrameEncoding(NDArrays.concat(tokens), NDArrays.concat(pooled));
        tokens.close();
        pooled.close();
        return all;
    }

    /** [frames, P, D] patch tokens of the given clips' encoded frames, stacked clip after clip. */
    private static NDArray rowsOf(List<PlannedClip> clips, FrameEncoding vision, NDManager scratch) {
        long[] rows = clips.stream()
                .flatMapToLong(p -> LongStream.range(p.firstRow(), p.firstRow() + p.frameCount()))
                .toArray();
        NDArray index = scratch.create(rows);
        return vision.patchTokens().get(index);
    }

    /**
     * Runs Mamba wave by wave (a stream's second clip needs its first clip's state), each wave in groups of
     * equal frame count, all streams of a group in one call.
     *
     * @return per clip, the stream's Mamba state after it
     */
    private List<Optional<MambaState>> runTemporal(List<PlannedClip> plan, FrameEncoding vision,
                                                   Map<String, StreamState> states, NDArray[] hidden,
                                                   NDManager scratch) {
        Map<String, MambaState> current = new HashMap<>();
        states.forEach((id, s) -> current.put(id, s.temporal().orElseThrow()));
        List<Optional<MambaState>> after = new ArrayList<>(plan.size());
        plan.forEach(p -> after.add(Optional.empty()));
        int waves = plan.stream().mapToInt(PlannedClip::wave).max().orElse(0) + 1;
        for (int wave = 0; wave < waves; wave++) {
            Map<Integer, List<PlannedClip>> byLength = new TreeMap<>();
            for (PlannedClip p : plan) {
                if (p.wave() == wave && p.frameCount() > 0) {
                    byLength.computeIfAbsent(p.frameCount(), n -> new ArrayList<>()).add(p);
                }
            }
            for (Map.Entry<Integer, List<PlannedClip>> group : byLength.entrySet()) {
                List<PlannedClip> clips = group.getValue();
                NDArray x = rowsOf(clips, vision, scratch)
                        .reshape(clips.size(), group.getKey(), patchesPerFrame, dim);
                List<MambaState> carried = clips.stream().map(p -> current.get(p.input().streamId())).toList();
                MambaOutput out = temporal.orElseThrow().encoder().encodeClips(x, carried);
                for (int b = 0; b < clips.size(); b++) {
                    PlannedClip p = clips.get(b);
                    hidden[p.index()] = out.hidden().get(b);
                    current.put(p.input().streamId(), out.states().get(b));
                }
            }
            // A clip that sampling emptied leaves its stream's state as it was at this point.
            for (PlannedClip p : plan) {
                if (p.wave() == wave) {
                    after.set(p.index(), Optional.of(current.get(p.input().streamId())));
                }
            }
        }
        return after;
    }

    /** Without a temporal encoder the patch tokens go straight to merging. */
    private List<Optional<MambaState>> passPatches(List<PlannedClip> plan, FrameEncoding vision, NDArray[] hidden,
                                                   NDManager scratch) {
        List<Optional<MambaState>> none = new ArrayList<>(plan.size());
        for (PlannedClip p : plan) {
            if (p.frameCount() > 0) {
                hidden[p.index()] = rowsOf(List.of(p), vision, scratch);
            }
            none.add(Optional.empty());
        }
        return none;
    }

    /**
     * Merges every clip to tokensPerFrame × its encoded frames, clips of equal length in one batch (merging is
     * per clip, so grouping changes nothing but speed).
     */
    private MergedTokens[] merge(List<PlannedClip> plan, NDArray[] hidden) {
        MergedTokens[] out = new MergedTokens[plan.size()];
        Map<Integer, List<PlannedClip>> byLength = new LinkedHashMap<>();
        for (PlannedClip p : plan) {
            if (p.frameCount() == 0) {
                out[p.index()] = MergedTokens.NONE;
            } else {
                byLength.computeIfAbsent(p.frameCount(), n -> new ArrayList<>()).add(p);
            }
        }
        int budget = bundle.tokenBudget().tokensPerFrame();
        for (Map.Entry<Integer, List<PlannedClip>> group : byLength.entrySet()) {
            List<PlannedClip> clips = group.getValue();
            int frames = group.getKey();
            NDList rows = new NDList();
            clips.forEach(p -> rows.add(hidden[p.index()]));
            NDArray x = NDArrays.stack(rows).reshape(clips.size(), (long) frames * patchesPerFrame, dim);
            TokenSet merged = merger.reduceTo(x, budget * frames);
            int count = merged.tokenCount();
            float[] features = merged.features().toFloatArray();
            float[] sizes = merged.sizes().toFloatArray();
            float[] pooled = readout.map(r -> r.pool(merged.features(), merged.sizes(),
                    merged.origins().toType(ai.djl.ndarray.types.DataType.FLOAT32, false).div(patchesPerFrame).floor())
                    .toFloatArray()).orElse(null);
            for (int b = 0; b < clips.size(); b++) {
                int[] tokenSizes = new int[count];
                for (int t = 0; t < count; t++) {
                    tokenSizes[t] = Math.round(sizes[b * count + t]);
                }
                out[clips.get(b).index()] = new MergedTokens(
                        Arrays.copyOfRange(features, b * count * dim, (b + 1) * count * dim), tokenSizes,
                        pooled == null ? new byte[0]
                                : Fp16.toBytes(Arrays.copyOfRange(pooled, b * dim, (b + 1) * dim)));
            }
        }
        return out;
    }
}
