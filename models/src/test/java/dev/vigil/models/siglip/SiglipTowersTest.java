package dev.vigil.models.siglip;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.models.image.FramePreprocessor;
import dev.vigil.models.image.ImagePreprocessing;
import dev.vigil.models.image.RgbFrame;
import dev.vigil.models.weights.SafetensorsWeights;
import dev.vigil.models.weights.WeightsException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The DJL towers against a plain double-precision implementation on a tiny random checkpoint. */
class SiglipTowersTest {

    private static final float TOLERANCE = 2e-4f;

    private final ObjectMapper json = new ObjectMapper();

    @TempDir
    Path dir;

    private record Loaded(SiglipConfig config, SafetensorsWeights weights) {}

    private Loaded write(TinySiglip model) {
        Path folder = model.writeTo(dir.resolve("m"), json);
        return new Loaded(SiglipConfig.read(folder.resolve("config.json"), json), SafetensorsWeights.open(folder, json));
    }

    private static SiglipVisionTower vision(Loaded loaded, NDManager manager) {
        SiglipVisionConfig config = loaded.config().vision().orElseThrow();
        return SiglipVisionTower.load(loaded.weights(), config,
                new FramePreprocessor(ImagePreprocessing.siglipDefaults(config.imageSize())), manager, Device.cpu(),
                DataType.FLOAT32);
    }

    private static double[][][][] randomPixels(int frames, long seed) {
        Random random = new Random(seed);
        int s = TinySiglip.IMAGE;
        double[][][][] px = new double[frames][3][s][s];
        for (double[][][] f : px) {
            for (double[][] c : f) {
                for (double[] row : c) {
                    for (int i = 0; i < s; i++) {
                        row[i] = random.nextDouble() * 2 - 1;
                    }
                }
            }
        }
        return px;
    }

    private static float[] flatten(double[][][][] px) {
        int s = TinySiglip.IMAGE;
        float[] out = new float[px.length * 3 * s * s];
        int k = 0;
        for (double[][][] f : px) {
            for (double[][] c : f) {
                for (double[] row : c) {
                    for (double v : row) {
                        out[k++] = (float) v;
                    }
                }
            }
        }
        return out;
    }

    @Test
    void visionTowerMatchesTheDoublePrecisionReference() {
        TinySiglip model = new TinySiglip(7, 2, true);
        ReferenceSiglip reference = new ReferenceSiglip(model);
        double[][][][] px = randomPixels(3, 11);
        try (NDManager manager = NDManager.newBaseManager(Device.cpu());
             SiglipVisionTower tower = vision(write(model), manager)) {
            assertThat(tower.hasAttentionPoolingHead()).isTrue();
            int s = TinySiglip.IMAGE;
            FrameEncoding enc = tower.encodePixels(manager.create(flatten(px), new Shape(3, 3, s, s)), manager);
            assertThat(enc.patchTokens().getShape()).isEqualTo(new Shape(3, 4, TinySiglip.HIDDEN));
            assertThat(enc.pooled().getShape()).isEqualTo(new Shape(3, TinySiglip.HIDDEN));
            float[] tokens = enc.patchTokens().toFloatArray();
            float[] pooled = enc.pooled().toFloatArray();
            for (int f = 0; f < 3; f++) {
                double[][] expected = reference.visionTokens(px[f]);
                for (int t = 0; t < 4; t++) {
                    for (int i = 0; i < TinySiglip.HIDDEN; i++) {
                        assertThat(tokens[(f * 4 + t) * TinySiglip.HIDDEN + i])
                                .as("frame %d token %d dim %d", f, t, i)
                                .isCloseTo((float) expected[t][i], within(TOLERANCE));
                    }
                }
                double[] expectedPooled = reference.pool(expected);
                for (int i = 0; i < TinySiglip.HIDDEN; i++) {
                    assertThat(pooled[f * TinySiglip.HIDDEN + i]).as("frame %d pooled dim %d", f, i)
                            .isCloseTo((float) expectedPooled[i], within(TOLERANCE));
                }
            }
        }
    }

    @Test
    void withoutAHeadThePooledEmbeddingIsTheMeanOfPatchTokens() {
        TinySiglip model = new TinySiglip(8, 1, false);
        ReferenceSiglip reference = new ReferenceSiglip(model);
        double[][][][] px = randomPixels(2, 12);
        try (NDManager manager = NDManager.newBaseManager(Device.cpu());
             SiglipVisionTower tower = vision(write(model), manager)) {
            assertThat(tower.hasAttentionPoolingHead()).isFalse();
            int s = TinySiglip.IMAGE;
            FrameEncoding enc = tower.encodePixels(manager.create(flatten(px), new Shape(2, 3, s, s)), manager);
            float[] pooled = enc.pooled().toFloatArray();
            for (int f = 0; f < 2; f++) {
                double[][] tokens = reference.visionTokens(px[f]);
                for (int i = 0; i < TinySiglip.HIDDEN; i++) {
                    double mean = 0;
                    for (double[] token : tokens) {
                        mean += token[i] / tokens.length;
                    }
                    assertThat(pooled[f * TinySiglip.HIDDEN + i]).isCloseTo((float) mean, within(TOLERANCE));
                }
            }
        }
    }

    @Test
    void textTowerPoolsTheLastTokenThroughTheHead() {
        TinySiglip model = new TinySiglip(9, 2, true);
        ReferenceSiglip reference = new ReferenceSiglip(model);
        long[][] ids = {{3, 7, 19, 1, 1, 1}, {5, 5, 2, 8, 0, 1}};
        Loaded loaded = write(model);
        try (NDManager manager = NDManager.newBaseManager(Device.cpu());
             SiglipTextTower tower = SiglipTextTower.load(loaded.weights(), loaded.config().text().orElseThrow(),
                     manager, Device.cpu(), DataType.FLOAT32)) {
            NDArray embeddings = tower.embedTokenIds(ids, manager);
            assertThat(embeddings.getShape()).isEqualTo(new Shape(2, TinySiglip.PROJECTION));
            float[] actual = embeddings.toFloatArray();
            for (int r = 0; r < ids.length; r++) {
                double[] expected = reference.text(ids[r]);
                for (int i = 0; i < TinySiglip.PROJECTION; i++) {
                    assertThat(actual[r * TinySiglip.PROJECTION + i]).as("text %d dim %d", r, i)
                            .isCloseTo((float) expected[i], within(TOLERANCE));
                }
            }
            assertThatThrownBy(() -> tower.embedTokenIds(new long[][] {{1, 2, 99}}, manager))
                    .hasMessageContaining("token id 99");
        }
    }

    @Test
    void rgbFramesOfAnySizeAreResizedAndEncodedInOneBatch() {
        TinySiglip model = new TinySiglip(10, 1, true);
        Random random = new Random(3);
        List<RgbFrame> frames = List.of(frame(16, 12, random), frame(16, 12, random), frame(5, 7, random));
        try (NDManager manager = NDManager.newBaseManager(Device.cpu());
             SiglipVisionTower tower = vision(write(model), manager)) {
            FrameEncoding batch = tower.encode(frames, manager);
            assertThat(batch.patchTokens().getShape()).isEqualTo(new Shape(3, 4, TinySiglip.HIDDEN));
            // a frame's encoding does not depend on the other frames of its batch
            FrameEncoding single = tower.encode(List.of(frames.get(2)), manager);
            float[] b = batch.pooled().toFloatArray();
            float[] one = single.pooled().toFloatArray();
            for (int i = 0; i < TinySiglip.HIDDEN; i++) {
                assertThat(b[2 * TinySiglip.HIDDEN + i]).isCloseTo(one[i], within(1e-5f));
            }
        }
    }

    @Test
    void repeatedForwardsLeaveNoArraysBehind() {
        TinySiglip model = new TinySiglip(12, 1, true);
        Random random = new Random(4);
        List<RgbFrame> frames = List.of(frame(8, 8, random), frame(8, 8, random));
        try (NDManager manager = NDManager.newBaseManager(Device.cpu());
             SiglipVisionTower tower = vision(write(model), manager)) {
            try (NDManager out = manager.newSubManager()) {
                tower.encode(frames, out).close();
            }
            long before = liveArrays(manager);
            assertThat(before).as("the tower's weights are counted").isPositive();
            for (int i = 0; i < 5; i++) {
                try (NDManager out = manager.newSubManager()) {
                    tower.encode(frames, out);
                }
            }
            assertThat(liveArrays(manager)).isEqualTo(before);
        }
    }

    /** Arrays held by a manager and its sub-managers (the tower's weights live in a sub-manager). */
    private static long liveArrays(NDManager manager) {
        return ((ai.djl.ndarray.BaseNDManager) manager).getManagedArrays().size();
    }

    @Test
    void missingTensorNamesTensorAndFile() throws IOException {
        TinySiglip model = new TinySiglip(13, 1, true);
        model.tensors.remove("vision_model.encoder.layers.0.self_attn.k_proj.bias");
        Loaded loaded = write(model);
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            // k_proj.bias is optional for a generic Linear, so the missing weight is the instructive case
            model.tensors.remove("vision_model.encoder.layers.0.mlp.fc2.weight");
            Loaded missingWeight = write(model);
            assertThatThrownBy(() -> vision(missingWeight, manager))
                    .isInstanceOf(WeightsException.class)
                    .hasMessageContaining("'vision_model.encoder.layers.0.mlp.fc2.weight'")
                    .hasMessageContaining(dir.resolve("m").resolve("model.safetensors").toString());
        }
        assertThat(Files.exists(dir.resolve("m/config.json"))).isTrue();
        assertThat(loaded.weights().contains("vision_model.encoder.layers.0.self_attn.k_proj.bias")).isFalse();
    }

    @Test
    void configThatDisagreesWithTheWeightsNamesTheTensorAndBothShapes() throws IOException {
        TinySiglip model = new TinySiglip(14, 1, true);
        Path folder = model.writeTo(dir.resolve("m"), json);
        Files.writeString(folder.resolve("config.json"),
                model.configJson().replace("\"image_size\": 8", "\"image_size\": 12"));
        Loaded loaded = new Loaded(SiglipConfig.read(folder.resolve("config.json"), json),
                SafetensorsWeights.open(folder, json));
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            assertThatThrownBy(() -> vision(loaded, manager))
                    .isInstanceOf(WeightsException.class)
                    .hasMessageContaining("'vision_model.embeddings.position_embedding.weight'")
                    .hasMessageContaining("model.safetensors")
                    .hasMessageContaining("[4, 8]")
                    .hasMessageContaining("[9, 8]");
        }
    }

    private static RgbFrame frame(int w, int h, Random random) {
        byte[] rgb = new byte[w * h * 3];
        random.nextBytes(rgb);
        return new RgbFrame(w, h, rgb);
    }
}
