package dev.vigil.models.mamba;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import java.util.ArrayList;
import java.util.List;

/**
 * The streaming Mamba-1 temporal encoder: a stack of pre-norm residual Mamba blocks and a final RMSNorm
 * (HF {@code MambaModel} without the embedding), run over a batch of independent streams, each continuing
 * from its own carried {@link MambaState}.
 *
 * <p>Exactness contract: for any split of a stream into consecutive calls, carrying the returned state,
 * the outputs equal those of one call over the whole sequence (to fp32 rounding) in forward-only mode. In
 * bidirectional mode the backward direction sees only each call's own tokens, by design (a live stream has
 * no future to scan back from).
 *
 * <p>Arithmetic is fp32 throughout, the residual included, whatever the input dtype.
 */
public final class MambaEncoder {

    private final MambaConfig config;
    private final MambaWeights weights;
    private final MambaMixer mixer;
    private final RmsNorm norm;

    /**
     * @param weights loaded by {@link MambaWeights#load}; their manager must outlive this encoder
     * @param scan    the recurrence implementation (see {@link SelectiveScan#forDevice})
     */
    public MambaEncoder(MambaConfig config, MambaWeights weights, SelectiveScan scan) {
        if (weights.layers().size() != config.numLayers()) {
            throw new IllegalArgumentException("weights have " + weights.layers().size() + " layers, config says "
                    + config.numLayers());
        }
        if (config.bidirectional() && weights.layers().stream().anyMatch(l -> l.backward() == null)) {
            throw new IllegalArgumentException("bidirectional config but weights have no backward (_b) parameters");
        }
        this.config = config;
        this.weights = weights;
        this.mixer = new MambaMixer(config, scan);
        this.norm = new RmsNorm(config.layerNormEpsilon());
    }

    /** The state of a stream that has not started yet. */
    public MambaState initialState() {
        return MambaState.initial(config.stateDims());
    }

    /**
     * Encodes one chunk for each of B streams.
     *
     * @param tokens [B, L, d_model]: stream b's next L tokens in scan order; every stream in a batch has the
     *               same L (clips have a fixed frame count), padding would corrupt the carried state
     * @param states B states, stream b's in position b
     * @return the encoded tokens [B, L, d_model] (fp32, on the tokens' manager) and B new states
     */
    public MambaOutput encode(NDArray tokens, List<MambaState> states) {
        Shape shape = tokens.getShape();
        if (shape.dimension() != 3 || shape.get(2) != config.hiddenSize()) {
            throw new IllegalArgumentException("tokens must be [B, L, " + config.hiddenSize() + "], got " + shape);
        }
        int batch = Math.toIntExact(shape.get(0));
        long length = shape.get(1);
        if (states.size() != batch) {
            throw new IllegalArgumentException(batch + " streams in the batch but " + states.size() + " states");
        }
        for (MambaState state : states) {
            if (!state.dims().equals(config.stateDims())) {
                throw new IllegalArgumentException("state dims " + state.dims() + " do not match the model "
                        + config.stateDims());
            }
        }
        NDManager owner = tokens.getManager();
        try (NDScope scope = new NDScope()) {
            NDArray residual = tokens.toType(DataType.FLOAT32, false);
            List<LayerStates> next = new ArrayList<>(config.numLayers());
            for (int layer = 0; layer < config.numLayers(); layer++) {
                MambaLayerWeights w = weights.layers().get(layer);
                LayerStates carried = stack(states, layer, owner);
                MambaMixer.MixerOutput mixed = mixer.forward(norm.apply(residual, w.norm()), w, carried);
                residual = residual.add(mixed.out());
                next.add(mixed.state());
            }
            NDArray hidden = norm.apply(residual, weights.normF());
            List<MambaState> out = unstack(next, states, length);
            NDScope.unregister(hidden);
            hidden.attach(owner);
            return new MambaOutput(hidden, out);
        }
    }

    /**
     * Encodes one clip per stream, scanned frame-major: frame t's patches in raster order, then frame t+1's.
     *
     * @param clips [B, T, P, d_model] with P patches per frame in raster order
     * @return hidden states reshaped back to [B, T, P, d_model], and the new states
     */
    public MambaOutput encodeClips(NDArray clips, List<MambaState> states) {
        Shape shape = clips.getShape();
        if (shape.dimension() != 4) {
            throw new IllegalArgumentException("clips must be [B, T, P, D], got " + shape);
        }
        // Row-major reshape is exactly frame-major order: (t, p) → t·P + p.
        NDArray flat = clips.reshape(shape.get(0), shape.get(1) * shape.get(2), shape.get(3));
        MambaOutput out = encode(flat, states);
        NDArray hidden = out.hidden().reshape(shape);
        out.hidden().close();
        if (flat != clips) {
            flat.close();
        }
        return new MambaOutput(hidden, out.states());
    }

    private LayerStates stack(List<MambaState> states, int layer, NDManager manager) {
        MambaStateDims dims = config.stateDims();
        int batch = states.size();
        float[] ssm = new float[batch * dims.ssmLength()];
        float[] tail = new float[batch * dims.convTailLength()];
        for (int b = 0; b < batch; b++) {
            MambaLayerState s = states.get(b).layers().get(layer);
            System.arraycopy(s.ssm(), 0, ssm, b * dims.ssmLength(), dims.ssmLength());
            System.arraycopy(s.convTail(), 0, tail, b * dims.convTailLength(), dims.convTailLength());
        }
        NDArray ssmArray = manager.create(ssm, new Shape(batch, dims.innerSize(), dims.stateSize()));
        NDArray tailArray = manager.create(tail, new Shape(batch, dims.innerSize(), dims.convKernel() - 1L));
        return new LayerStates(ssmArray, tailArray);
    }

    private List<MambaState> unstack(List<LayerStates> layers, List<MambaState> previous, long length) {
        MambaStateDims dims = config.stateDims();
        int batch = previous.size();
        List<float[]> ssm = new ArrayList<>(layers.size());
        List<float[]> tails = new ArrayList<>(layers.size());
        for (LayerStates layer : layers) {
            // One device→host copy per layer for the whole batch, not one per stream.
            ssm.add(layer.ssm().toType(DataType.FLOAT32, false).toFloatArray());
            tails.add(layer.convTail().toType(DataType.FLOAT32, false).toFloatArray());
        }
        List<MambaState> out = new ArrayList<>(batch);
        for (int b = 0; b < batch; b++) {
            List<MambaLayerState> perLayer = new ArrayList<>(layers.size());
            for (int layer = 0; layer < layers.size(); layer++) {
                float[] h = new float[dims.ssmLength()];
                float[] tail = new float[dims.convTailLength()];
                System.arraycopy(ssm.get(layer), b * h.length, h, 0, h.length);
                System.arraycopy(tails.get(layer), b * tail.length, tail, 0, tail.length);
                perLayer.add(new MambaLayerState(h, tail));
            }
            out.add(new MambaState(dims, previous.get(b).tokensSeen() + length, perLayer));
        }
        return out;
    }
}
