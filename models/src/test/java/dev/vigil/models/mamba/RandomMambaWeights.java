package dev.vigil.models.mamba;

import java.util.Random;

/**
 * Random Mamba parameters with the reference initialisation's character (S4D-real A, dt in [1e-3, 0.1],
 * D = 1, fan-in-scaled linears), so that tiny test stacks behave like real ones (stable decays).
 */
final class RandomMambaWeights {

    private final Random random;

    RandomMambaWeights(long seed) {
        this.random = new Random(seed);
    }

    TensorMapWeights create(MambaConfig config) {
        TensorMapWeights w = new TensorMapWeights();
        int d = config.hiddenSize();
        int inner = config.intermediateSize();
        int n = config.stateSize();
        int k = config.convKernel();
        int rank = config.timeStepRank();
        for (int layer = 0; layer < config.numLayers(); layer++) {
            String block = config.tensorName("layers." + layer + ".");
            String mixer = block + "mixer.";
            w.put(block + "norm.weight", around(1f, 0.1f, d), d);
            w.put(mixer + "in_proj.weight", uniform(2 * inner * d, d), 2L * inner, d);
            if (config.useBias()) {
                w.put(mixer + "in_proj.bias", uniform(2 * inner, d), 2L * inner);
                w.put(mixer + "out_proj.bias", uniform(d, inner), d);
            }
            w.put(mixer + "out_proj.weight", uniform(d * inner, inner), d, inner);
            directions(w, config, mixer, ScanDirection.FORWARD, inner, n, k, rank);
            if (config.bidirectional()) {
                directions(w, config, mixer, ScanDirection.BACKWARD, inner, n, k, rank);
            }
        }
        w.put(config.tensorName("norm_f.weight"), around(1f, 0.1f, d), d);
        return w;
    }

    private void directions(TensorMapWeights w, MambaConfig config, String mixer, ScanDirection dir, int inner,
                            int n, int k, int rank) {
        w.put(mixer + dir.conv() + ".weight", uniform(inner * k, k), inner, 1, k);
        if (config.useConvBias()) {
            w.put(mixer + dir.conv() + ".bias", uniform(inner, k), inner);
        }
        w.put(mixer + dir.xProj() + ".weight", uniform((rank + 2 * n) * inner, inner), rank + 2L * n, inner);
        w.put(mixer + dir.dtProj() + ".weight", uniform(inner * rank, rank), inner, rank);
        float[] dtBias = new float[inner];
        for (int i = 0; i < inner; i++) {
            double dt = Math.exp(Math.log(1e-3) + random.nextDouble() * (Math.log(0.1) - Math.log(1e-3)));
            dtBias[i] = (float) (dt + Math.log(-Math.expm1(-dt))); // inverse softplus
        }
        w.put(mixer + dir.dtProj() + ".bias", dtBias, inner);
        float[] aLog = new float[inner * n];
        for (int i = 0; i < inner; i++) {
            for (int j = 0; j < n; j++) {
                aLog[i * n + j] = (float) Math.log(j + 1);
            }
        }
        w.put(mixer + dir.aLog(), aLog, inner, n);
        w.put(mixer + dir.d(), around(1f, 0.1f, inner), inner);
    }

    float[] gaussian(int count) {
        float[] out = new float[count];
        for (int i = 0; i < count; i++) {
            out[i] = (float) random.nextGaussian();
        }
        return out;
    }

    private float[] uniform(int count, int fanIn) {
        float bound = (float) (1 / Math.sqrt(fanIn));
        float[] out = new float[count];
        for (int i = 0; i < count; i++) {
            out[i] = (random.nextFloat() * 2 - 1) * bound;
        }
        return out;
    }

    private float[] around(float centre, float spread, int count) {
        float[] out = new float[count];
        for (int i = 0; i < count; i++) {
            out[i] = centre + (random.nextFloat() * 2 - 1) * spread;
        }
        return out;
    }
}
