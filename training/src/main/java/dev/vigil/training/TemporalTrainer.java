package dev.vigil.training;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.models.bundle.ModelBundle;
import dev.vigil.models.clip.ClipEncoder;
import dev.vigil.models.mamba.LayerStates;
import dev.vigil.models.mamba.MambaConfig;
import dev.vigil.models.mamba.TensorSelectiveScan;
import dev.vigil.models.siglip.SiglipVisionTower;
import dev.vigil.models.siglip.TokenReadout;
import dev.vigil.models.siglip.TransformerDims;
import dev.vigil.models.text.MiniLmSentenceEncoder;
import dev.vigil.models.text.ProjectedSentenceEmbedder;
import dev.vigil.models.weights.FloatTensor;
import dev.vigil.models.weights.Weights;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Trains a bundle's Mamba temporal encoder ({@code temporal.*}) and its temporal readout
 * ({@code temporal_readout.*}, an attention-pooling head over a clip's tokens after Mamba) so that the clip embedding
 * says what happens over the clip's time: who enters from which side, leaves, stops, crosses.
 *
 * <p>The text projection is trained too, from stage one's: stage one taught it that "the red car enters from the
 * left" and "... leaves" mean the same (they were positives for every frame of the car), which maps them 0.99 apart
 * and leaves a clip embedding nothing to tell apart. The loss is SigLIP's sigmoid loss between clip embeddings and
 * the captions of {@link TemporalBatches}, plus the same loss between the clips' pooled frame embeddings and the same
 * captions with frame labels (objects positive, actions negative), so that the projection stays fit for frames and
 * action questions are answered by the clip embedding, which sees time. The vision tower stays frozen (its outputs
 * are cached in the {@link TemporalCorpus}), and so do the logit scale and bias: clip and frame embeddings are
 * scored on one scale.
 *
 * <p>State: each sampled clip continues from the state its scene's {@code warmClips} previous clips leave, computed
 * without gradients from a zero state (truncated back-propagation through one clip); at inference the state is
 * carried over the whole stream. Initialisation: Mamba from the bundle's own (seeded) {@code temporal.*}, the readout
 * from the vision tower's attention-pooling head, so that before any step the clip embedding already pools the clip's
 * frames. Deterministic for a seed; checkpoints resume exactly.
 *
 * <p>Identity mode (the ablation): Mamba is skipped and the readout alone is trained on the vision tokens.
 */
public final class TemporalTrainer {

    /** The readout's frame embedding, which tells attention pooling which clip frame a token comes from. */
    static final String FRAME_EMBEDDING = ClipEncoder.READOUT_PREFIX + "." + TokenReadout.FRAME_EMBEDDING;

    /** Where the readout is initialised from. */
    static final String VISION_HEAD = SiglipVisionTower.PREFIX + ".head";

    /**
     * @param seed          batches
     * @param steps         optimiser steps
     * @param batch         clips per step
     * @param learningRate  peak rate (warm-up, then cosine to 5 %)
     * @param warmup        warm-up steps
     * @param warmClips     clips run before each sampled clip to build its state
     * @param actionMention probability that a positive caption names the object's action, when it has one
     * @param checkpointEvery steps between checkpoints (0: only at the end)
     * @param identity      skip Mamba (ablation)
     * @param projectionRateScale the text projection's learning rate relative to the rest (it starts trained)
     */
    public record Config(long seed, int steps, int batch, double learningRate, int warmup, int warmClips,
                         double actionMention, int checkpointEvery, boolean identity, double projectionRateScale) {
        LearningRateSchedule schedule() {
            return new LearningRateSchedule(learningRate, warmup, steps, 0.05);
        }
    }

    private final Config config;
    private final CaptionVectors captionVectors;
    private final TrainingProgress progress;
    private final ObjectMapper json;
    private final SigmoidContrastiveLoss loss = new SigmoidContrastiveLoss();

    public TemporalTrainer(Config config, CaptionVectors captionVectors, TrainingProgress progress, ObjectMapper json) {
        this.config = config;
        this.captionVectors = captionVectors;
        this.progress = progress;
        this.json = json;
    }

    /** The names and shapes of what this trainer trains for {@code bundle}. */
    static Map<String, Shape> trainedShapes(ModelBundle bundle, boolean identity) {
        Map<String, Shape> s = new LinkedHashMap<>();
        if (!identity) {
            s.putAll(TrainableMamba.shapes(ClipEncoder.temporalConfig(bundle)));
        }
        TransformerDims dims = bundle.vision().config().dims();
        TrainableBlocks.attentionPoolingShapes(s, ClipEncoder.READOUT_PREFIX, dims.hidden(), dims.intermediate());
        s.put(FRAME_EMBEDDING, new Shape(bundle.tokenBudget().clipFrames(), dims.hidden()));
        return s;
    }

    /** Runs (or resumes) training on {@code corpus}, starting from {@code bundle}'s weights. */
    public TrainedWeights train(TemporalCorpus corpus, TemporalBatches batches, ModelBundle bundle,
                                TrainingCheckpoint checkpoint) {
        Engine engine = Engine.getEngine("PyTorch");
        MambaConfig mamba = ClipEncoder.temporalConfig(bundle);
        TransformerDims dims = bundle.vision().config().dims();
        List<String> bank = batches.allCaptions();
        long encoding = System.nanoTime();
        captionVectors.vectors(bank);
        progress.note(String.format(java.util.Locale.ROOT, "encoded %d captions in %.1f s", bank.size(),
                (System.nanoTime() - encoding) / 1e9));
        long started = System.nanoTime();
        try (NDManager manager = engine.newBaseManager(Device.cpu())) {
            Map<String, NDArray> params = initial(bundle, manager);
            TrainableMamba temporal = new TrainableMamba(mamba, params, new StepwiseSelectiveScan());
            TrainableMamba warm = new TrainableMamba(mamba, params, new TensorSelectiveScan());
            TrainableBlocks blocks = new TrainableBlocks(params);
            Weights weights = bundle.weights();
            NDArray logScale = weights.get(ModelBundle.LOGIT_SCALE, new Shape(1), manager);
            NDArray logBias = weights.get(ModelBundle.LOGIT_BIAS, new Shape(1), manager);
            AdamW adam = new AdamW(params, manager, 0.9f, 0.999f, 1e-8f, 0.05f)
                    .scaleRate(ProjectedSentenceEmbedder.PROJECTION, (float) config.projectionRateScale());
            List<Double> losses = new ArrayList<>();
            int start = checkpoint.resume(config.seed(), params, adam, losses, json);
            int frames = corpus.scenes().get(0).clips().get(0).frames();
            long tokens = (long) frames * corpus.patchesPerFrame();
            int dim = corpus.dim();
            LearningRateSchedule schedule = config.schedule();
            for (int step = start; step < config.steps(); step++) {
                TemporalBatches.Batch batch = batches.batch(step);
                float lr = schedule.at(step);
                float value;
                try (NDScope scope = new NDScope()) {
                    int b = batch.clips().size();
                    int c = batch.captions().size();
                    NDArray x = manager.create(rows(corpus, batch.clips(), 0), new Shape(b, tokens, dim));
                    List<LayerStates> state = config.identity() ? List.of() : warmState(corpus, batch, warm, mamba,
                            manager, tokens, dim);
                    NDArray sentences = manager.create(captionVectors.flatVectors(batch.captions()),
                            new Shape(c, MiniLmSentenceEncoder.DIM));
                    NDArray labels = manager.create(batch.clipLabels(), new Shape(b, c));
                    NDArray pooled = manager.create(pooled(batch.clips()), new Shape((long) b * frames, dim));
                    NDArray frameLabels = manager.create(batch.frameLabels(), new Shape((long) b * frames, c));
                    try (GradientCollector collector = engine.newGradientCollector()) {
                        NDArray hidden = config.identity() ? x : temporal.forward(x, state).hidden();
                        NDArray clips = readout(blocks, hidden, frames, corpus.patchesPerFrame(), dims);
                        NDArray captions = sentences.matMul(params.get(ProjectedSentenceEmbedder.PROJECTION).transpose());
                        NDArray l = loss.loss(clips, captions, labels, logScale, logBias)
                                .add(loss.loss(pooled, captions, frameLabels, logScale, logBias));
                        collector.backward(l);
                        value = l.getFloat();
                    }
                    adam.update(params, step + 1L, lr);
                }
                if (!Float.isFinite(value)) {
                    throw new IllegalStateException("loss became " + value + " at step " + (step + 1)
                            + "; lower the learning rate");
                }
                losses.add((double) value);
                progress.stepDone(step + 1, config.steps(), value, lr, (System.nanoTime() - started) / 1e9);
                boolean last = step + 1 == config.steps();
                if (last || (config.checkpointEvery() > 0 && (step + 1) % config.checkpointEvery() == 0)) {
                    checkpoint.save(step + 1, config.seed(), params, adam.state(), losses, json);
                }
            }
            Map<String, FloatTensor> out = new LinkedHashMap<>();
            params.forEach((name, p) -> out.put(name, FloatTensor.of(p.toFloatArray(), p.getShape().getShape())));
            // stage one's projection rides along, so that training again from this bundle starts where stage one ended
            out.put(STAGE_ONE_PROJECTION, stageOneProjection(bundle));
            return new TrainedWeights(out, config.steps(), losses, (System.nanoTime() - started) / 1e9);
        }
    }

    /**
     * Where stage one's text projection is kept in a bundle stage two wrote (inference reads only
     * {@link ProjectedSentenceEmbedder#PROJECTION}).
     */
    public static final String STAGE_ONE_PROJECTION = "text_projection_stage1.weight";

    /** Stage one's text projection: kept under its own name once stage two ran, else the bundle's own. */
    static FloatTensor stageOneProjection(ModelBundle bundle) {
        Weights weights = bundle.weights();
        TransformerDims dims = bundle.vision().config().dims();
        String name = weights.contains(STAGE_ONE_PROJECTION) ? STAGE_ONE_PROJECTION : ProjectedSentenceEmbedder.PROJECTION;
        try (NDManager m = bundle.manager().newSubManager()) {
            NDArray p = weights.get(name, new Shape(dims.hidden(), MiniLmSentenceEncoder.DIM), m);
            return FloatTensor.of(p.toFloatArray(), p.getShape().getShape());
        }
    }

    /**
     * The trained parameters' starting values: Mamba as the bundle has it, the readout from the vision head, the
     * text projection from stage one.
     */
    private Map<String, NDArray> initial(ModelBundle bundle, NDManager manager) {
        Weights weights = bundle.weights();
        Map<String, NDArray> params = new LinkedHashMap<>();
        FloatTensor stageOne = stageOneProjection(bundle);
        NDArray projection = manager.create(stageOne.values(), new Shape(stageOne.shape()));
        projection.setRequiresGradient(true);
        params.put(ProjectedSentenceEmbedder.PROJECTION, projection);
        trainedShapes(bundle, config.identity()).forEach((name, shape) -> {
            if (name.equals(FRAME_EMBEDDING)) {
                // zeros: before any step the readout pools exactly as the vision head does
                NDArray zeros = manager.zeros(shape);
                zeros.setRequiresGradient(true);
                params.put(name, zeros);
                return;
            }
            String source = name.startsWith(ClipEncoder.READOUT_PREFIX + ".")
                    ? VISION_HEAD + name.substring(ClipEncoder.READOUT_PREFIX.length()) : name;
            NDArray p = weights.get(source, shape, manager);
            p.setRequiresGradient(true);
            params.put(name, p);
        });
        return params;
    }

    /** The state each sampled clip starts from: its scene's previous clips run from zero, without gradients. */
    private List<LayerStates> warmState(TemporalCorpus corpus, TemporalBatches.Batch batch, TrainableMamba temporal, MambaConfig mamba,
                                        NDManager manager, long tokens, int dim) {
        int b = batch.clips().size();
        List<LayerStates> state = new ArrayList<>();
        for (int layer = 0; layer < mamba.numLayers(); layer++) {
            state.add(new LayerStates(manager.zeros(new Shape(b, mamba.intermediateSize(), mamba.stateSize())),
                    manager.zeros(new Shape(b, mamba.intermediateSize(), mamba.convKernel() - 1L))));
        }
        for (int back = config.warmClips(); back >= 1; back--) {
            NDArray x = manager.create(rows(corpus, batch.clips(), back), new Shape(b, tokens, dim));
            List<LayerStates> next = new ArrayList<>();
            for (LayerStates s : temporal.forward(x, state).states()) {
                next.add(new LayerStates(s.ssm().stopGradient(), s.convTail().stopGradient()));
            }
            state = next;
        }
        return state;
    }

    /**
     * The clip embeddings {@code [B, D]} of {@code hidden [B, frames · patches, D]}: each token plus its frame's
     * embedding, then the attention-pooling head (the inference {@code TokenReadout} over unmerged tokens).
     */
    static NDArray readout(TrainableBlocks blocks, NDArray hidden, int frames, int patches, TransformerDims dims) {
        NDArray perToken = blocks.param(FRAME_EMBEDDING).expandDims(1).repeat(1, patches)
                .reshape((long) frames * patches, dims.hidden());
        return blocks.attentionPool(hidden.add(perToken), ClipEncoder.READOUT_PREFIX, dims.heads(), dims.layerNormEps());
    }

    /** The pooled frame embeddings of the clips, frame after frame. */
    private static float[] pooled(List<TemporalCorpus.Clip> clips) {
        int per = clips.get(0).pooled().length;
        float[] out = new float[clips.size() * per];
        for (int i = 0; i < clips.size(); i++) {
            System.arraycopy(clips.get(i).pooled(), 0, out, i * per, per);
        }
        return out;
    }

    /** The patch tokens of the clips {@code back} clips before the sampled ones, clip after clip. */
    private static float[] rows(TemporalCorpus corpus, List<TemporalCorpus.Clip> clips, int back) {
        int per = clips.get(0).patches().length;
        float[] out = new float[clips.size() * per];
        for (int i = 0; i < clips.size(); i++) {
            TemporalCorpus.Clip clip = clips.get(i);
            float[] source = corpus.scenes().get(clip.scene()).clips().get(clip.index() - back).patches();
            System.arraycopy(source, 0, out, i * per, per);
        }
        return out;
    }
}
