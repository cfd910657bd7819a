package dev.vigil.training;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.vigil.models.bundle.ModelBundle;
import dev.vigil.models.bundle.SeededBundleWriter;
import dev.vigil.models.clip.ClipEncoder;
import dev.vigil.models.mamba.LayerStates;
import dev.vigil.models.mamba.MambaConfig;
import dev.vigil.models.mamba.MambaEncoder;
import dev.vigil.models.mamba.MambaOutput;
import dev.vigil.models.mamba.MambaWeights;
import dev.vigil.models.mamba.SelectiveScan;
import dev.vigil.models.mamba.TensorSelectiveScan;
import dev.vigil.models.runtime.DeviceSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class TrainableMambaTest {

    private static final SeededBundleWriter.Shape SHAPE = new SeededBundleWriter.Shape(16, 4, 32, 64, 1, 2, 4);

    @Test
    void trainingForwardEqualsTheInferenceEncoderAcrossTwoChunks(@TempDir Path dir) {
        Path folder = new SeededBundleWriter(SHAPE, 3).temporalLayers(2).dState(4).writeTo(dir.resolve("b"));
        try (ModelBundle bundle = ModelBundle.load(folder, DeviceSpec.cpu());
             NDManager m = bundle.manager().newSubManager()) {
            MambaConfig config = ClipEncoder.temporalConfig(bundle);
            MambaEncoder inference = new MambaEncoder(config, MambaWeights.load(bundle.weights(), config, m),
                    SelectiveScan.forDevice(m.getDevice()));
            Map<String, NDArray> params = parameters(bundle, config, m);
            NDArray first = tokens(m, 1, 2, 7);
            NDArray second = tokens(m, 2, 2, 5);

            MambaOutput a1 = inference.encode(first, List.of(inference.initialState(), inference.initialState()));
            MambaOutput a2 = inference.encode(second, a1.states());
            for (SelectiveScan scan : List.of(new StepwiseSelectiveScan(), new TensorSelectiveScan())) {
                TrainableMamba trainable = new TrainableMamba(config, params, scan);
                TrainableMamba.Output b1 = trainable.forward(first, zeros(config, m, 2));
                TrainableMamba.Output b2 = trainable.forward(second, b1.states());
                assertThat(b1.hidden().toFloatArray()).containsExactly(a1.hidden().toFloatArray(), within(1e-4f));
                assertThat(b2.hidden().toFloatArray()).containsExactly(a2.hidden().toFloatArray(), within(1e-4f));
            }
        }
    }

    @Test
    void stepwiseGradientsEqualTheBlockScansAndSurviveAGarbageCollection(@TempDir Path dir) {
        Path folder = new SeededBundleWriter(SHAPE, 4).temporalLayers(1).dState(4).writeTo(dir.resolve("b"));
        try (ModelBundle bundle = ModelBundle.load(folder, DeviceSpec.cpu());
             NDManager m = bundle.manager().newSubManager()) {
            MambaConfig config = ClipEncoder.temporalConfig(bundle);
            NDArray x = tokens(m, 9, 2, 6);
            float[] stepwise = gradient(bundle, config, m, x, new StepwiseSelectiveScan(), true);
            float[] block = gradient(bundle, config, m, x, new TensorSelectiveScan(), false);

            assertThat(stepwise).doesNotContain(Float.NaN);
            assertThat(stepwise).containsExactly(block, within(1e-4f));
            assertThat(maxAbs(stepwise)).isGreaterThan(1e-6f); // A_log really gets a gradient
        }
    }

    /** d(sum of squares of the output)/d(A_log of layer 0). */
    private static float[] gradient(ModelBundle bundle, MambaConfig config, NDManager m, NDArray x,
                                    SelectiveScan scan, boolean collectGarbage) {
        try (NDManager step = m.newSubManager()) {
            Map<String, NDArray> params = parameters(bundle, config, step);
            params.values().forEach(p -> p.setRequiresGradient(true));
            TrainableMamba trainable = new TrainableMamba(config, params, scan);
            try (GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
                NDArray out = trainable.forward(x, zeros(config, step, 2)).hidden();
                NDArray loss = out.square().sum();
                if (collectGarbage) {
                    System.gc();
                }
                collector.backward(loss);
            }
            return params.get("temporal.layers.0.mixer.A_log").getGradient().toFloatArray();
        }
    }

    private static Map<String, NDArray> parameters(ModelBundle bundle, MambaConfig config, NDManager m) {
        Map<String, NDArray> params = new LinkedHashMap<>();
        TrainableMamba.shapes(config).forEach((name, shape) -> params.put(name, bundle.weights().get(name, shape, m)));
        return params;
    }

    private static List<LayerStates> zeros(MambaConfig config, NDManager m, int batch) {
        List<LayerStates> out = new ArrayList<>();
        for (int i = 0; i < config.numLayers(); i++) {
            out.add(new LayerStates(m.zeros(new Shape(batch, config.intermediateSize(), config.stateSize())),
                    m.zeros(new Shape(batch, config.intermediateSize(), config.convKernel() - 1L))));
        }
        return out;
    }

    private static NDArray tokens(NDManager m, long seed, int batch, int length) {
        Random random = new Random(seed);
        float[] v = new float[batch * length * SHAPE.hidden()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return m.create(v, new Shape(batch, length, SHAPE.hidden()));
    }

    private static float maxAbs(float[] v) {
        float max = 0;
        for (float f : v) {
            max = Math.max(max, Math.abs(f));
        }
        return max;
    }
}
