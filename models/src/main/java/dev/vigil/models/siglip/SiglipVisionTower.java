package dev.vigil.models.siglip;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.vigil.models.image.FramePreprocessor;
import dev.vigil.models.image.RgbFrame;
import dev.vigil.models.weights.Weights;

import java.util.List;

/**
 * Hugging Face's {@code SiglipVisionModel} for inference, on DJL arrays.
 *
 * <p>Patch embedding (a stride-{@code patch} convolution, computed as patchify + matrix product, which is the
 * same arithmetic), learned position embeddings (no class token), pre-norm encoder layers, {@code post_layernorm},
 * then either the attention-pooling head ({@code vision_model.head.*}) or, for checkpoints without one, the mean
 * of the patch tokens.
 *
 * <p>Thread-safe for concurrent {@code encode} calls: the weights are only read, and every intermediate array of
 * a forward is created and freed inside that call's {@link NDScope}.
 */
public final class SiglipVisionTower implements AutoCloseable {

    /** Hugging Face prefixes every vision tensor with this, for SiglipModel and SiglipVisionModel alike. */
    public static final String PREFIX = "vision_model";

    private final NDManager manager;
    private final SiglipVisionConfig config;
    private final FramePreprocessor preprocessor;
    private final DataType computeType;
    private final NDArray patchWeightT;
    private final NDArray patchBias;
    private final NDArray positions;
    private final Encoder encoder;
    private final LayerNorm postNorm;
    private final AttentionPoolingHead head;

    private SiglipVisionTower(NDManager manager, SiglipVisionConfig config, FramePreprocessor preprocessor,
                              DataType computeType, NDArray patchWeightT, NDArray patchBias, NDArray positions,
                              Encoder encoder, LayerNorm postNorm, AttentionPoolingHead head) {
        this.manager = manager;
        this.config = config;
        this.preprocessor = preprocessor;
        this.computeType = computeType;
        this.patchWeightT = patchWeightT;
        this.patchBias = patchBias;
        this.positions = positions;
        this.encoder = encoder;
        this.postNorm = postNorm;
        this.head = head;
    }

    /**
     * Loads the tower's tensors ({@code vision_model.*}) onto {@code device}.
     *
     * @param parent the tower's arrays live in a sub-manager of it, freed by {@link #close()}
     * @param computeType FLOAT32, or FLOAT16/BFLOAT16 on a GPU (layer norms and softmax still run in fp32)
     * @throws dev.vigil.models.weights.WeightsException naming the tensor and file if a tensor is missing or
     *     has another shape than {@code config} implies
     */
    public static SiglipVisionTower load(Weights weights, SiglipVisionConfig config, FramePreprocessor preprocessor,
                                         NDManager parent, Device device, DataType computeType) {
        if (preprocessor.spec().height() != config.imageSize() || preprocessor.spec().width() != config.imageSize()) {
            throw new IllegalArgumentException("preprocessing resizes to " + preprocessor.spec().width() + "x"
                    + preprocessor.spec().height() + " but the vision tower's image_size is " + config.imageSize()
                    + "; fix size in preprocessor_config.json");
        }
        NDManager manager = parent.newSubManager(device);
        try {
            ParameterLoader loader = new ParameterLoader(weights, manager, computeType);
            TransformerDims dims = config.dims();
            long d = dims.hidden();
            long p = config.patchSize();
            NDArray patchWeightT = loader.load(PREFIX + ".embeddings.patch_embedding.weight",
                    new Shape(d, config.numChannels(), p, p)).reshape(d, config.numChannels() * p * p).transpose();
            NDArray patchBias = loader.load(PREFIX + ".embeddings.patch_embedding.bias", new Shape(d));
            NDArray positions = loader.load(PREFIX + ".embeddings.position_embedding.weight",
                    new Shape(config.tokensPerFrame(), d));
            Encoder encoder = Encoder.load(loader, PREFIX + ".encoder", dims);
            LayerNorm postNorm = LayerNorm.load(loader, PREFIX + ".post_layernorm", d, dims.layerNormEps());
            AttentionPoolingHead head = config.useHead() && AttentionPoolingHead.present(loader, PREFIX + ".head")
                    ? AttentionPoolingHead.load(loader, PREFIX + ".head", dims) : null;
            return new SiglipVisionTower(manager, config, preprocessor, computeType, patchWeightT, patchBias,
                    positions, encoder, postNorm, head);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /** The architecture sizes. */
    public SiglipVisionConfig config() {
        return config;
    }

    /** The frame preprocessing this tower expects. */
    public FramePreprocessor preprocessor() {
        return preprocessor;
    }

    /** Whether pooled embeddings come from the attention-pooling head (else: mean of patch tokens). */
    public boolean hasAttentionPoolingHead() {
        return head != null;
    }

    /** The device the weights live on and outputs are returned on. */
    public Device device() {
        return manager.getDevice();
    }

    /**
     * Preprocesses and encodes a batch of frames in one forward pass.
     *
     * @param out the manager that will own the returned arrays (its device should be the tower's)
     */
    public FrameEncoding encode(List<RgbFrame> frames, NDManager out) {
        if (frames.isEmpty()) {
            throw new IllegalArgumentException("no frames to encode");
        }
        int s = config.imageSize();
        try (NDScope scope = new NDScope()) {
            NDArray pixels = manager.create(preprocessor.toPixels(frames), new Shape(frames.size(), 3, s, s));
            return forward(pixels, out);
        }
    }

    /**
     * Encodes already-preprocessed pixels {@code [frames, 3, imageSize, imageSize]} (fp32, normalised), e.g. the
     * {@code pixel_values} of a Hugging Face processor.
     */
    public FrameEncoding encodePixels(NDArray pixels, NDManager out) {
        Shape expected = new Shape(pixels.getShape().get(0), 3, config.imageSize(), config.imageSize());
        if (!pixels.getShape().equals(expected)) {
            throw new IllegalArgumentException("pixels must be [frames, 3, " + config.imageSize() + ", "
                    + config.imageSize() + "], got " + pixels.getShape());
        }
        try (NDScope scope = new NDScope()) {
            return forward(pixels.toDevice(manager.getDevice(), false), out);
        }
    }

    private FrameEncoding forward(NDArray pixels, NDManager out) {
        long b = pixels.getShape().get(0);
        int g = config.gridSize();
        int p = config.patchSize();
        long d = config.dims().hidden();
        // [B, 3, g*p, g*p] -> [B, g, g, 3, p, p]: each row is one patch flattened in the conv weight's (c, y, x)
        // order, so a matrix product with the reshaped weight equals the stride-p "valid" convolution
        NDArray patches = pixels.toType(computeType, false)
                .reshape(b, 3, g, p, g, p)
                .transpose(0, 2, 4, 1, 3, 5)
                .reshape(b, (long) g * g, 3L * p * p);
        NDArray x = patches.matMul(patchWeightT).addi(patchBias).addi(positions);
        NDArray tokens = postNorm.forward(encoder.forward(x));
        NDArray pooled = head != null ? head.forward(tokens) : tokens.mean(new int[] {1});
        NDArray tokens32 = tokens.toType(DataType.FLOAT32, true);
        NDArray pooled32 = pooled.toType(DataType.FLOAT32, true).reshape(b, d);
        tokens32.attach(out);
        pooled32.attach(out);
        NDScope.unregister(tokens32, pooled32);
        return new FrameEncoding(tokens32, pooled32);
    }

    /** Frees the weights. */
    @Override
    public void close() {
        manager.close();
    }
}
