package dev.vigil.models.clip;

import ai.djl.ndarray.NDManager;
import dev.vigil.models.bundle.ModelBundle;
import dev.vigil.models.bundle.TemporalConfig;
import dev.vigil.models.mamba.MambaConfig;
import dev.vigil.models.mamba.MambaEncoder;
import dev.vigil.models.mamba.MambaWeights;
import dev.vigil.models.mamba.SelectiveScan;
import dev.vigil.models.runtime.VectorApi;
import dev.vigil.models.weights.Weights;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bundle's Mamba temporal encoder ({@code temporal.*} tensors), loaded onto the bundle's device.
 *
 * <p>{@code bundle.json} gives layers, d_state, d_conv, expand and direction; the rest follows the
 * {@code mamba_ssm} conventions the bundles are trained with: d_model = the vision width, dt_rank = ⌈d_model/16⌉,
 * RMSNorm eps 1e-5. Whether the linear and conv layers have biases is read from the tensors present, because
 * converted checkpoints differ there and guessing wrong would only fail later with a missing-tensor error.
 */
final class TemporalStack implements AutoCloseable {

    /** Tensor-name prefix of the temporal encoder inside a bundle. */
    static final String PREFIX = "temporal";

    private static final Logger LOG = LoggerFactory.getLogger(TemporalStack.class);

    private final NDManager manager;
    private final MambaConfig config;
    private final MambaEncoder encoder;

    private TemporalStack(NDManager manager, MambaConfig config, MambaEncoder encoder) {
        this.manager = manager;
        this.config = config;
        this.encoder = encoder;
    }

    /**
     * Loads the stack; the bundle must have a temporal encoder.
     *
     * @throws dev.vigil.models.weights.WeightsException naming the tensor if one is missing or misshapen
     */
    static TemporalStack load(ModelBundle bundle) {
        Weights weights = bundle.weights();
        MambaConfig config = configOf(bundle);
        NDManager manager = bundle.manager().newSubManager();
        if (!manager.getDevice().isGpu() && !VectorApi.available()) {
            LOG.warn("Mamba scan on CPU without the Vector API: several times slower. Start the JVM with "
                    + "--add-modules jdk.incubator.vector (the ./vigil launcher does).");
        }
        try {
            MambaWeights loaded = MambaWeights.load(weights, config, manager);
            return new TemporalStack(manager, config,
                    new MambaEncoder(config, loaded, SelectiveScan.forDevice(manager.getDevice())));
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /** The stack's config as {@code bundle.json} and the tensors present give it. */
    static MambaConfig configOf(ModelBundle bundle) {
        TemporalConfig t = bundle.temporal();
        int hidden = bundle.vision().config().dims().hidden();
        Weights weights = bundle.weights();
        String mixer0 = PREFIX + ".layers.0.mixer.";
        return new MambaConfig(hidden, t.dState(), t.dConv(), t.expand(),
                MambaConfig.autoTimeStepRank(hidden), t.layers(), 1e-5,
                weights.contains(mixer0 + "in_proj.bias"), weights.contains(mixer0 + "conv1d.bias"),
                t.bidirectional(), PREFIX);
    }

    MambaConfig config() {
        return config;
    }

    MambaEncoder encoder() {
        return encoder;
    }

    /** Frees the stack's weights. */
    @Override
    public void close() {
        manager.close();
    }
}
