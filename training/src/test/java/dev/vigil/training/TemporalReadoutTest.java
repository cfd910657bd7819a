package dev.vigil.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.vigil.models.bundle.ModelBundle;
import dev.vigil.models.bundle.SeededBundleWriter;
import dev.vigil.models.clip.ClipEncoder;
import dev.vigil.models.runtime.DeviceSpec;
import dev.vigil.models.siglip.TokenReadout;
import dev.vigil.models.siglip.TransformerDims;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The trainer's readout is the inference {@link TokenReadout}, frame embedding included. */
class TemporalReadoutTest {

    @Test
    void trainingReadoutEqualsTheInferenceReadoutOnUnmergedTokens(@TempDir Path dir) {
        SeededBundleWriter.Shape shape = new SeededBundleWriter.Shape(16, 4, 32, 64, 1, 2, 4);
        Path folder = new SeededBundleWriter(shape, 5).temporalLayers(1).withReadout().writeTo(dir.resolve("b"));
        try (ModelBundle bundle = ModelBundle.load(folder, DeviceSpec.cpu());
             NDManager m = bundle.manager().newSubManager()) {
            TransformerDims dims = bundle.vision().config().dims();
            int frames = 4;
            int patches = shape.patches();
            TokenReadout inference = TokenReadout.load(bundle.weights(), ClipEncoder.READOUT_PREFIX, dims, frames, m);
            Map<String, NDArray> params = new LinkedHashMap<>();
            TemporalTrainer.trainedShapes(bundle, true).forEach((name, s) -> params.put(name,
                    bundle.weights().get(name, s, m)));
            Random random = new Random(3);
            float[] v = new float[2 * frames * patches * shape.hidden()];
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) random.nextGaussian();
            }
            NDArray tokens = m.create(v, new Shape(2, (long) frames * patches, shape.hidden()));
            NDArray frameOf = m.arange(0, frames * patches, 1, DataType.INT64).div(patches).toType(DataType.INT64, false)
                    .expandDims(0).repeat(0, 2);

            float[] expected = inference.pool(tokens, m.ones(new Shape(2, (long) frames * patches)), frameOf)
                    .toFloatArray();
            float[] actual = TemporalTrainer.readout(new TrainableBlocks(params), tokens, frames, patches, dims)
                    .toFloatArray();

            assertThat(inference.usesFrames()).isTrue();
            assertThat(actual).containsExactly(expected, within(1e-4f));
            // the frame embedding matters: the same tokens told they all come from frame 0 pool differently
            float[] allFirst = inference.pool(tokens, m.ones(new Shape(2, (long) frames * patches)),
                    frameOf.zerosLike()).toFloatArray();
            assertThat(allFirst).isNotEqualTo(expected);
        }
    }
}
