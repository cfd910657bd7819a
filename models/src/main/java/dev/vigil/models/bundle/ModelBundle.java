package dev.vigil.models.bundle;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.models.runtime.DeviceSpec;
import dev.vigil.models.siglip.SiglipVisionTower;
import dev.vigil.models.text.TextEmbedder;
import dev.vigil.models.weights.Weights;
import dev.vigil.tokens.Relevance;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A loaded model bundle: its manifest, the SigLIP vision tower, the text encoder when the folder has a text
 * tower and a tokenizer, and the folder's weights for further modules (the temporal encoder reads its
 * {@code temporal.*} tensors from the same {@link Weights}).
 *
 * <p>Owns native memory; close it when done.
 */
public final class ModelBundle implements AutoCloseable {
    /** SigLIP's learned log scale of the pair logits. */
    public static final String LOGIT_SCALE = "logit_scale";
    /** SigLIP's learned offset of the pair logits. */
    public static final String LOGIT_BIAS = "logit_bias";

    private final Path folder;
    private final BundleManifest manifest;
    private final MergeConfig merge;
    private final DeviceSpec device;
    private final NDManager manager;
    private final Weights weights;
    private final SiglipVisionTower vision;
    private final TextEmbedder text;
    private final String textUnavailableReason;

    ModelBundle(Path folder, BundleManifest manifest, MergeConfig merge, DeviceSpec device, NDManager manager,
                Weights weights, SiglipVisionTower vision, TextEmbedder text, String textUnavailableReason) {
        this.folder = folder;
        this.manifest = manifest;
        this.merge = merge;
        this.device = device;
        this.manager = manager;
        this.weights = weights;
        this.vision = vision;
        this.text = text;
        this.textUnavailableReason = textUnavailableReason;
    }

    /**
     * Loads a bundle folder (or a plain Hugging Face SigLIP folder) with the default PyTorch engine; see
     * {@link ModelBundleLoader#load}.
     */
    public static ModelBundle load(Path folder, DeviceSpec device) {
        return new ModelBundleLoader(new ObjectMapper(), Engine.getEngine("PyTorch")).load(folder, device);
    }

    /** The folder the bundle was loaded from. */
    public Path folder() {
        return folder;
    }

    /** The bundle's id ({@code bundle.json} id, or the folder name). */
    public String id() {
        return manifest.id();
    }

    /** Everything {@code bundle.json} said, with defaults filled in. */
    public BundleManifest manifest() {
        return manifest;
    }

    /** Token merging settings, with the metric chunk resolved (default: the vision head width). */
    public MergeConfig merge() {
        return merge;
    }

    /** Token budget: tokens per frame after merging and frames per clip. */
    public TokenBudget tokenBudget() {
        return manifest.tokenBudget();
    }

    /** Temporal encoder settings ({@code layers == 0}: none). */
    public TemporalConfig temporal() {
        return manifest.temporal();
    }

    /** Where and in which precision the bundle runs. */
    public DeviceSpec device() {
        return device;
    }

    /** The root manager of the bundle's arrays; modules built on this bundle may create sub-managers of it. */
    public NDManager manager() {
        return manager;
    }

    /** All tensors of the folder. */
    public Weights weights() {
        return weights;
    }

    /** The vision tower. */
    public SiglipVisionTower vision() {
        return vision;
    }

    /**
     * The text encoder, if the bundle has one: SigLIP's text tower (with a usable tokenizer), or the frozen sentence
     * encoder plus trained projection that {@code bundle.json} selects with {@code "text": {"encoder": "minilm-onnx"}}.
     */
    public Optional<TextEmbedder> text() {
        return Optional.ofNullable(text);
    }

    /** Why {@link #text()} is empty (empty string when it is present). */
    public String textUnavailableReason() {
        return textUnavailableReason;
    }

    /**
     * How this bundle's cosine similarities become probabilities: SigLIP's sigmoid with the bundle's trained
     * {@code logit_scale} and {@code logit_bias} (Hugging Face's names, top level). A bundle without them gets
     * {@link Relevance#SIGLIP_INITIAL}, SigLIP's untrained values.
     */
    public Relevance relevance() {
        if (!weights.contains(LOGIT_SCALE) || !weights.contains(LOGIT_BIAS)) {
            return Relevance.SIGLIP_INITIAL;
        }
        try (NDManager scratch = manager.newSubManager()) {
            return Relevance.ofLogits(
                    weights.get(LOGIT_SCALE, new Shape(1), scratch).getFloat(0),
                    weights.get(LOGIT_BIAS, new Shape(1), scratch).getFloat(0));
        }
    }

    /** Frees the towers, the tokenizer and every array of the bundle. */
    @Override
    public void close() {
        if (text != null) {
            text.close();
        }
        vision.close();
        manager.close();
    }
}
