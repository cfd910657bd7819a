package dev.vigil.models.bundle;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.models.image.RgbFrame;
import dev.vigil.models.image.Resampling;
import dev.vigil.models.runtime.DeviceSpec;
import dev.vigil.models.runtime.Precision;
import dev.vigil.models.siglip.FrameEncoding;
import dev.vigil.models.siglip.SiglipTextEncoder;
import dev.vigil.models.siglip.TinySiglip;
import dev.vigil.models.weights.WeightsException;
import dev.vigil.tokens.MergeOrder;
import dev.vigil.tokens.Relevance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelBundleTest {

    static final String TOKENIZER_JSON = SeededBundleWriter.TOKENIZER_JSON;

    private final ObjectMapper json = new ObjectMapper();

    @TempDir
    Path dir;

    private Path huggingFaceFolder(String name) throws IOException {
        Path folder = new TinySiglip(21, 1, true).writeTo(dir.resolve(name), json);
        Files.writeString(folder.resolve("tokenizer.json"), TOKENIZER_JSON);
        Files.writeString(folder.resolve("tokenizer_config.json"), "{\"pad_token\": \"</s>\", \"model_max_length\": 6}");
        return folder;
    }

    private ModelBundle load(Path folder) {
        return ModelBundle.load(folder, DeviceSpec.cpu());
    }

    @Test
    void plainHuggingFaceFolderLoadsWithDefaultsDerivedFromConfig() throws IOException {
        Path folder = huggingFaceFolder("siglip-tiny");
        try (ModelBundle bundle = load(folder);
             NDManager out = bundle.manager().newSubManager()) {
            assertThat(bundle.id()).isEqualTo("siglip-tiny");
            assertThat(bundle.temporal().enabled()).isFalse();
            assertThat(bundle.tokenBudget()).isEqualTo(new TokenBudget(4, 4)); // only 4 patches per frame
            assertThat(bundle.merge()).isEqualTo(new MergeConfig(TinySiglip.HIDDEN / TinySiglip.HEADS,
                    MergeOrder.STABLE));
            assertThat(bundle.vision().preprocessor().spec().resampling()).isEqualTo(Resampling.BICUBIC);

            FrameEncoding enc = bundle.vision().encode(List.of(new RgbFrame(20, 10, new byte[600])), out);
            assertThat(enc.patchTokens().getShape()).isEqualTo(new Shape(1, 4, TinySiglip.HIDDEN));

            SiglipTextEncoder text = (SiglipTextEncoder) bundle.text().orElseThrow();
            long[][] ids = text.tokenize(List.of("A red car", "the PERSON at the door with a truck"));
            assertThat(ids[0]).containsExactly(3, 4, 5, 1, 1, 1);         // text, </s>, then </s> as padding
            assertThat(ids[1]).containsExactly(8, 6, 7, 8, 9, 1);         // truncated to 6, </s> kept last
            NDArray embeddings = text.embed(List.of("a red car", "a truck"), out);
            assertThat(embeddings.getShape()).isEqualTo(new Shape(2, TinySiglip.PROJECTION));
        }
    }

    @Test
    void relevanceIsTheBundlesTrainedSigmoidOrSiglipsInitialOne() throws IOException {
        // the committed built-in bundle was trained with SigLIP's pair loss; its calibration is stored in fp16
        try (ModelBundle bundle = load(Path.of("bundles/synthcam-tiny"))) {
            assertThat(bundle.relevance()).isEqualTo(Relevance.ofLogits(3.267578125, -4.05078125));
        }
        try (ModelBundle bundle = load(huggingFaceFolder("no-logits"))) {
            assertThat(bundle.relevance()).isEqualTo(Relevance.SIGLIP_INITIAL);
        }
    }

    @Test
    void bundleJsonSettingsAreRead() throws IOException {
        Path folder = huggingFaceFolder("b");
        Files.writeString(folder.resolve("bundle.json"), """
                {"id": "synthcam-tiny", "architecture": "siglip",
                 "dims": {"hidden": 8, "tokensPerFrame": 4},
                 "preprocessing": {"imageSize": 8, "resample": "bilinear"},
                 "tokenBudget": {"tokensPerFrame": 2, "clipFrames": 8},
                 "temporal": {"layers": 2, "dState": 8, "dConv": 3, "expand": 2, "bidirectional": true},
                 "merge": {"metricChunk": 2, "order": "reference"}}
                """);
        try (ModelBundle bundle = load(folder)) {
            assertThat(bundle.id()).isEqualTo("synthcam-tiny");
            assertThat(bundle.tokenBudget().tokensPerClip()).isEqualTo(16);
            assertThat(bundle.temporal()).isEqualTo(new TemporalConfig(2, 8, 3, 2, true));
            assertThat(bundle.merge()).isEqualTo(new MergeConfig(2, MergeOrder.REFERENCE));
            assertThat(bundle.vision().preprocessor().spec().resampling()).isEqualTo(Resampling.BILINEAR);
        }
    }

    @Test
    void unknownBundleKeyIsNamedWithTheFile() throws IOException {
        Path folder = huggingFaceFolder("typo");
        Files.writeString(folder.resolve("bundle.json"), "{\"id\": \"x\", \"tokenBudget\": {\"tokensPerFrames\": 16}}");
        assertThatThrownBy(() -> load(folder))
                .isInstanceOf(BundleException.class)
                .hasMessageContaining(folder.resolve("bundle.json").toString())
                .hasMessageContaining("unknown key 'tokensPerFrames' in tokenBudget");
    }

    @Test
    void budgetAboveThePatchCountSaysWhatToLower() throws IOException {
        Path folder = huggingFaceFolder("budget");
        Files.writeString(folder.resolve("bundle.json"), "{\"id\": \"x\", \"tokenBudget\": {\"tokensPerFrame\": 16}}");
        assertThatThrownBy(() -> load(folder))
                .isInstanceOf(BundleException.class)
                .hasMessageContaining("tokenBudget.tokensPerFrame 16 exceeds the 4 patch tokens")
                .hasMessageContaining("lower it");
    }

    @Test
    void dimsThatDisagreeWithConfigAreReported() throws IOException {
        Path folder = huggingFaceFolder("dims");
        Files.writeString(folder.resolve("bundle.json"), "{\"id\": \"x\", \"dims\": {\"hidden\": 768}}");
        assertThatThrownBy(() -> load(folder))
                .isInstanceOf(BundleException.class)
                .hasMessageContaining("dims.hidden is 768 but config.json gives the vision tower hidden_size 8");
    }

    @Test
    void missingTensorInABundleNamesTensorAndFile() throws IOException {
        TinySiglip model = new TinySiglip(22, 1, true);
        model.tensors.remove("vision_model.post_layernorm.bias");
        Path folder = model.writeTo(dir.resolve("broken"), json);
        assertThatThrownBy(() -> load(folder))
                .isInstanceOf(WeightsException.class)
                .hasMessageContaining("'vision_model.post_layernorm.bias'")
                .hasMessageContaining(folder.resolve("model.safetensors").toString());
    }

    @Test
    void folderWithoutConfigSaysWhatIsMissing() throws IOException {
        Files.createDirectories(dir.resolve("empty"));
        assertThatThrownBy(() -> load(dir.resolve("empty")))
                .isInstanceOf(BundleException.class)
                .hasMessageContaining("has no config.json");
    }

    @Test
    void visionOnlyFolderHasNoTextEncoderAndSaysWhy() throws IOException {
        TinySiglip model = new TinySiglip(23, 1, true);
        model.tensors.keySet().removeIf(name -> name.startsWith("text_model."));
        Path folder = model.writeTo(dir.resolve("vision-only"), json);
        try (ModelBundle bundle = load(folder)) {
            assertThat(bundle.text()).isEmpty();
            assertThat(bundle.textUnavailableReason()).contains("no text_model.* tensors");
        }
    }

    @Test
    void gpuRequestWithoutGpuFailsWithTheFix() throws IOException {
        Path folder = huggingFaceFolder("gpu");
        assertThatThrownBy(() -> ModelBundle.load(folder, DeviceSpec.parse("cuda:0", null)))
                .isInstanceOf(BundleException.class)
                .hasMessageContaining("cuda:0")
                .hasMessageContaining("GPU(s)");
    }

    @Test
    void deviceSpecRejectsHalfPrecisionOnCpu() {
        assertThat(DeviceSpec.parse("cuda:1", null).precision()).isEqualTo(Precision.FP16);
        assertThat(DeviceSpec.parse("CPU", null)).isEqualTo(DeviceSpec.cpu());
        assertThatThrownBy(() -> DeviceSpec.parse("cpu", "bf16")).hasMessageContaining("use fp32 on cpu");
        assertThatThrownBy(() -> DeviceSpec.parse("tpu", null)).hasMessageContaining("use cpu or cuda:N");
    }
}
