package dev.vigil.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.models.bundle.ModelBundle;
import dev.vigil.models.bundle.SeededBundleWriter;
import dev.vigil.models.runtime.DeviceSpec;
import dev.vigil.models.weights.SafetensorsWeights;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class TrainableVisionTowerTest {

    @Test
    void trainingForwardEqualsTheInferenceTower(@TempDir Path dir) {
        SeededBundleWriter.Shape shape = new SeededBundleWriter.Shape(16, 4, 32, 64, 2, 2, 4);
        Path folder = new SeededBundleWriter(shape, 3).temporalLayers(0).writeTo(dir.resolve("b"));
        List<TrainingExample> examples = ToyScenes.examples(16, 3, 4);
        try (ModelBundle bundle = ModelBundle.load(folder, DeviceSpec.cpu());
             NDManager manager = bundle.manager().newSubManager()) {
            float[] expected = bundle.vision().encode(examples.stream().map(TrainingExample::frame).toList(), manager)
                    .pooled().toFloatArray();
            Map<String, NDArray> params = new LinkedHashMap<>();
            TrainableVisionTower tower = TrainableVisionTower.load(SafetensorsWeights.open(folder, new ObjectMapper()),
                    bundle.vision().config(), manager, params);
            NDArray pixels = manager.create(bundle.vision().preprocessor().toPixels(
                    examples.stream().map(TrainingExample::frame).toList()), new Shape(3, 3, 16, 16));
            assertThat(tower.pooled(pixels).toFloatArray()).containsExactly(expected, within(1e-4f));
        }
    }
}
