package dev.vigil.training;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.models.bundle.ModelBundle;
import dev.vigil.models.bundle.SeededBundleWriter;
import dev.vigil.models.runtime.DeviceSpec;
import dev.vigil.models.weights.SafetensorsWeights;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.ref.WeakReference;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The training forward pass (tower and loss) keeps every constant its backward pass reads: a garbage collection
 * between forward and backward must not change a single gradient. Before {@link GraphConstant}, DJL's scalar
 * operands were freed by such a collection and this test failed on every run.
 */
class GraphConstantTest {

    private static final SeededBundleWriter.Shape SHAPE = new SeededBundleWriter.Shape(16, 4, 32, 64, 2, 2, 4);

    @Test
    void aCollectionBetweenForwardAndBackwardChangesNoGradient(@TempDir Path dir) throws InterruptedException {
        Path folder = new SeededBundleWriter(SHAPE, 3).temporalLayers(0).writeTo(dir.resolve("b"));

        List<float[]> calm = gradients(folder, false);
        List<float[]> collected = gradients(folder, true);

        assertThat(calm).hasSizeGreaterThan(10);
        for (int i = 0; i < calm.size(); i++) {
            float[] expected = calm.get(i);
            assertThat(expected).as("gradient %d", i).matches(GraphConstantTest::finite);
            assertThat(collected.get(i)).as("gradient %d after a collection", i).containsExactly(expected);
        }
    }

    private static List<float[]> gradients(Path folder, boolean collectBeforeBackward) throws InterruptedException {
        List<TrainingExample> examples = ToyScenes.examples(16, 4, 4);
        try (ModelBundle bundle = ModelBundle.load(folder, DeviceSpec.cpu());
             NDManager manager = bundle.manager().newSubManager()) {
            Map<String, NDArray> params = new LinkedHashMap<>();
            TrainableVisionTower tower = TrainableVisionTower.load(SafetensorsWeights.open(folder, new ObjectMapper()),
                    bundle.vision().config(), manager, params);
            NDArray pixels = manager.create(bundle.vision().preprocessor().toPixels(
                    examples.stream().map(TrainingExample::frame).toList()), new Shape(4, 3, 16, 16));
            NDArray captions = manager.create(randomCaptions(3, SHAPE.hidden()), new Shape(3, SHAPE.hidden()));
            NDArray labels = manager.create(new float[] {1, -1, -1, -1, 1, -1, -1, -1, 1, 1, -1, -1}, new Shape(4, 3));
            NDArray logScale = trainable(manager.create(new float[] {2.3f}, new Shape(1)));
            NDArray bias = trainable(manager.create(new float[] {-10f}, new Shape(1)));
            params.put("logit_scale", logScale);
            params.put("logit_bias", bias);
            try (GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
                NDArray frames = tower.pooled(pixels);
                NDArray loss = new SigmoidContrastiveLoss().loss(frames, captions, labels, logScale, bias);
                if (collectBeforeBackward) {
                    collectGarbage();
                }
                collector.backward(loss);
            }
            List<float[]> out = new ArrayList<>();
            params.values().forEach(p -> out.add(p.getGradient().toFloatArray()));
            return out;
        }
    }

    /** A full collection, then time for the reference handler to free the direct buffers it found unreachable. */
    private static void collectGarbage() throws InterruptedException {
        WeakReference<Object> sentinel = new WeakReference<>(new Object());
        while (sentinel.get() != null) {
            System.gc();
        }
        Thread.sleep(50);
    }

    private static float[] randomCaptions(int count, int dim) {
        Random random = new Random(11);
        float[] out = new float[count * dim];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) random.nextGaussian();
        }
        return out;
    }

    private static NDArray trainable(NDArray array) {
        array.setRequiresGradient(true);
        return array;
    }

    private static boolean finite(float[] values) {
        for (float v : values) {
            if (!Float.isFinite(v)) {
                return false;
            }
        }
        return true;
    }
}
