package dev.vigil.models.siglip;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.vigil.models.weights.Weights;

/**
 * Hugging Face's {@code SiglipTextModel} for inference: token + position embeddings, pre-norm encoder layers
 * without an attention mask (SigLIP is trained on texts padded to {@code max_position_embeddings} and attends
 * over the padding too), {@code final_layer_norm}, then {@code head} applied to the <em>last</em> position's
 * hidden state. With a real SigLIP checkpoint the result lives in the same space as the vision tower's pooled
 * (attention-pooling head) output.
 */
public final class SiglipTextTower implements AutoCloseable {

    /** Hugging Face prefixes every text tensor with this. */
    public static final String PREFIX = "text_model";

    private final NDManager manager;
    private final SiglipTextConfig config;
    private final NDArray tokenEmbedding;
    private final NDArray positions;
    private final Encoder encoder;
    private final LayerNorm finalNorm;
    private final Linear head;

    private SiglipTextTower(NDManager manager, SiglipTextConfig config, NDArray tokenEmbedding,
                            NDArray positions, Encoder encoder, LayerNorm finalNorm, Linear head) {
        this.manager = manager;
        this.config = config;
        this.tokenEmbedding = tokenEmbedding;
        this.positions = positions;
        this.encoder = encoder;
        this.finalNorm = finalNorm;
        this.head = head;
    }

    /** Loads the tower's tensors ({@code text_model.*}) onto {@code device}; see {@link SiglipVisionTower#load}. */
    public static SiglipTextTower load(Weights weights, SiglipTextConfig config, NDManager parent, Device device,
                                       DataType computeType) {
        NDManager manager = parent.newSubManager(device);
        try {
            ParameterLoader loader = new ParameterLoader(weights, manager, computeType);
            TransformerDims dims = config.dims();
            long d = dims.hidden();
            NDArray tokenEmbedding = loader.load(PREFIX + ".embeddings.token_embedding.weight",
                    new Shape(config.vocabSize(), d));
            NDArray positions = loader.load(PREFIX + ".embeddings.position_embedding.weight",
                    new Shape(config.maxPositions(), d));
            Encoder encoder = Encoder.load(loader, PREFIX + ".encoder", dims);
            LayerNorm finalNorm = LayerNorm.load(loader, PREFIX + ".final_layer_norm", d, dims.layerNormEps());
            Linear head = Linear.load(loader, PREFIX + ".head", d, config.projectionSize());
            return new SiglipTextTower(manager, config, tokenEmbedding, positions, encoder, finalNorm,
                    head);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /** The architecture sizes. */
    public SiglipTextConfig config() {
        return config;
    }

    /** The device the weights live on. */
    public Device device() {
        return manager.getDevice();
    }

    /**
     * Embeds already-tokenised texts, one row of ids per text, all of the same length (at most
     * {@code max_position_embeddings}; SigLIP expects exactly that length, padded).
     *
     * @return {@code [texts, projectionSize]} fp32, owned by {@code out}
     */
    public NDArray embedTokenIds(long[][] ids, NDManager out) {
        if (ids.length == 0) {
            throw new IllegalArgumentException("no texts to embed");
        }
        int length = ids[0].length;
        long[] flat = new long[ids.length * length];
        for (int i = 0; i < ids.length; i++) {
            if (ids[i].length != length || length == 0 || length > config.maxPositions()) {
                throw new IllegalArgumentException("token rows must all have the same length, 1.."
                        + config.maxPositions() + "; row " + i + " has " + ids[i].length + ", row 0 has " + length);
            }
            for (int j = 0; j < length; j++) {
                long id = ids[i][j];
                if (id < 0 || id >= config.vocabSize()) {
                    throw new IllegalArgumentException("token id " + id + " at text " + i + ", position " + j
                            + " is outside the vocabulary (size " + config.vocabSize() + ")");
                }
            }
            System.arraycopy(ids[i], 0, flat, i * length, length);
        }
        try (NDScope scope = new NDScope()) {
            NDArray index = manager.create(flat);
            NDArray x = tokenEmbedding.get(index).reshape(ids.length, length, config.dims().hidden())
                    .add(positions.get(new NDIndex("0:{}", length)));
            NDArray hidden = finalNorm.forward(encoder.forward(x));
            NDArray last = hidden.get(new NDIndex(":, -1, :"));
            NDArray embedding = head.forward(last).toType(DataType.FLOAT32, true);
            embedding.attach(out);
            NDScope.unregister(embedding);
            return embedding;
        }
    }

    /** Frees the weights. */
    @Override
    public void close() {
        manager.close();
    }
}
