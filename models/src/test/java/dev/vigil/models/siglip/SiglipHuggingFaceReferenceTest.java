package dev.vigil.models.siglip;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.models.bundle.ModelBundle;
import dev.vigil.models.image.RgbFrame;
import dev.vigil.models.runtime.DeviceSpec;
import dev.vigil.models.weights.FloatTensor;
import dev.vigil.models.weights.SafetensorsFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The Java towers against outputs of Hugging Face transformers' own SiglipModel, produced by
 * {@code tools/reference/make_siglip_reference.py}. Skipped, with the reason, when that fixture has not been
 * generated (it needs transformers, which the build machines do not have).
 */
class SiglipHuggingFaceReferenceTest {

    private static final Path FIXTURE = Path.of("src/test/resources/reference/siglip-tiny");

    private final ObjectMapper json = new ObjectMapper();
    private SafetensorsFile io;

    @BeforeEach
    void requireFixture() {
        assumeTrue(Files.isRegularFile(FIXTURE.resolve("io.safetensors"))
                        && Files.isRegularFile(FIXTURE.resolve("model/model.safetensors")),
                "Hugging Face reference fixture " + FIXTURE.toAbsolutePath() + " is absent: generate it with"
                        + " 'python3 tools/reference/make_siglip_reference.py --out models/src/test/resources/"
                        + "reference/siglip-tiny' on a machine with torch + transformers, then commit it");
        io = SafetensorsFile.open(FIXTURE.resolve("io.safetensors"), json);
    }

    private static void assertClose(float[] actual, float[] expected, float tolerance, String what) {
        assertThat(actual).as(what + " size").hasSameSizeAs(expected);
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i]).as("%s[%d]", what, i).isCloseTo(expected[i], within(tolerance));
        }
    }

    @Test
    void visionTowerMatchesTransformers() {
        FloatTensor pixels = io.read("pixel_values");
        try (ModelBundle bundle = ModelBundle.load(FIXTURE.resolve("model"), DeviceSpec.cpu());
             NDManager out = bundle.manager().newSubManager()) {
            FrameEncoding enc = bundle.vision().encodePixels(out.create(pixels.values(), new Shape(pixels.shape())), out);
            assertClose(enc.patchTokens().toFloatArray(), io.read("vision.last_hidden_state").values(), 1e-4f,
                    "last_hidden_state");
            assertClose(enc.pooled().toFloatArray(), io.read("vision.pooler_output").values(), 1e-4f, "pooler_output");
        }
    }

    @Test
    void framePreprocessingMatchesTheHuggingFaceImageProcessor() {
        FloatTensor rgb = io.read("frames.rgb_hwc");
        int frames = (int) rgb.shape()[0];
        int h = (int) rgb.shape()[1];
        int w = (int) rgb.shape()[2];
        List<RgbFrame> list = new ArrayList<>();
        for (int f = 0; f < frames; f++) {
            byte[] bytes = new byte[h * w * 3];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) (int) rgb.values()[f * bytes.length + i];
            }
            list.add(new RgbFrame(w, h, bytes));
        }
        try (ModelBundle bundle = ModelBundle.load(FIXTURE.resolve("model"), DeviceSpec.cpu());
             NDManager out = bundle.manager().newSubManager()) {
            // Pillow resizes in fixed point: an 8-bit value may differ by one, i.e. 2/255 after normalisation
            assertClose(bundle.vision().preprocessor().toPixels(list), io.read("frames.pixel_values").values(),
                    2.01f / 255f, "pixel_values");
            assertClose(bundle.vision().encode(list, out).pooled().toFloatArray(),
                    io.read("frames.pooler_output").values(), 5e-2f, "pooler_output from frames");
        }
    }

    @Test
    void textTowerMatchesTransformers() {
        FloatTensor ids = io.read("text.input_ids");
        int rows = (int) ids.shape()[0];
        int length = (int) ids.shape()[1];
        long[][] tokenIds = new long[rows][length];
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < length; j++) {
                tokenIds[r][j] = (long) ids.values()[r * length + j];
            }
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            SiglipConfig config = SiglipConfig.read(FIXTURE.resolve("model/config.json"), json);
            try (SiglipTextTower tower = SiglipTextTower.load(
                    dev.vigil.models.weights.SafetensorsWeights.open(FIXTURE.resolve("model"), json),
                    config.text().orElseThrow(), manager, ai.djl.Device.cpu(), ai.djl.ndarray.types.DataType.FLOAT32)) {
                assertClose(tower.embedTokenIds(tokenIds, manager).toFloatArray(),
                        io.read("text.pooler_output").values(), 1e-4f, "text pooler_output");
            }
        }
    }
}
