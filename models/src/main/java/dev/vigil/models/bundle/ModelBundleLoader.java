package dev.vigil.models.bundle;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.models.image.FramePreprocessor;
import dev.vigil.models.image.ImagePreprocessing;
import dev.vigil.models.image.RgbFrame;
import dev.vigil.models.runtime.DeviceSpec;
import dev.vigil.models.siglip.HuggingFaceJsonTokenizer;
import dev.vigil.models.siglip.SentencePieceTokenizer;
import dev.vigil.models.siglip.SiglipConfig;
import dev.vigil.models.siglip.SiglipTextConfig;
import dev.vigil.models.siglip.SiglipTextEncoder;
import dev.vigil.models.siglip.SiglipTextTower;
import dev.vigil.models.siglip.SiglipVisionConfig;
import dev.vigil.models.siglip.SiglipVisionTower;
import dev.vigil.models.siglip.TextTokenizer;
import dev.vigil.models.text.MiniLmSentenceEncoder;
import dev.vigil.models.text.ProjectedSentenceEmbedder;
import dev.vigil.models.text.TextEmbedder;
import dev.vigil.models.text.TextEncoderKind;
import dev.vigil.models.weights.SafetensorsWeights;
import dev.vigil.models.weights.WeightsException;
import dev.vigil.tokens.MergeOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

/**
 * Loads a model folder: {@code bundle.json} (optional), Hugging Face {@code config.json}, safetensors weights,
 * {@code preprocessor_config.json} and {@code tokenizer.json} (both optional), then runs one warm-up forward so
 * that a broken device or model fails at start-up rather than on the first clip.
 */
public final class ModelBundleLoader {

    private static final Logger log = LoggerFactory.getLogger(ModelBundleLoader.class);

    private final ObjectMapper json;
    private final Engine engine;

    public ModelBundleLoader(ObjectMapper json, Engine engine) {
        this.json = json;
        this.engine = engine;
    }

    /**
     * Loads and warms up a bundle.
     *
     * @throws BundleException if the folder or a file in it is unusable; the message names the file and the fix
     * @throws WeightsException if a tensor is missing or has the wrong shape (names tensor and file)
     */
    public ModelBundle load(Path folder, DeviceSpec spec) {
        if (!Files.isDirectory(folder)) {
            throw new BundleException("model folder " + folder + " does not exist or is not a directory");
        }
        Path bundleJson = folder.resolve("bundle.json");
        Path configJson = folder.resolve("config.json");
        if (!Files.isRegularFile(configJson)) {
            throw new BundleException(folder + " has no config.json; a bundle needs the Hugging Face config.json of"
                    + " its SigLIP towers" + (Files.isRegularFile(bundleJson) ? "" : " (and optionally a bundle.json)"));
        }
        SiglipConfig config;
        try {
            config = SiglipConfig.read(configJson, json);
        } catch (IllegalArgumentException e) {
            throw new BundleException(e.getMessage(), e);
        }
        SiglipVisionConfig visionConfig = config.vision().orElseThrow(() -> new BundleException(configJson
                + " describes no vision tower; vigil needs a SiglipModel or SiglipVisionModel config"));
        BundleManifest manifest = Files.isRegularFile(bundleJson)
                ? new BundleManifestReader(json).read(bundleJson)
                : BundleManifest.defaults(folder.getFileName().toString(), visionConfig.tokensPerFrame());
        checkDims(manifest, visionConfig, bundleJson);
        MergeConfig merge = manifest.merge().orElse(new MergeConfig(
                visionConfig.dims().hidden() / visionConfig.dims().heads(), MergeOrder.STABLE));
        if (visionConfig.dims().hidden() % merge.metricChunk() != 0) {
            throw new BundleException(bundleJson + ": merge.metricChunk " + merge.metricChunk()
                    + " does not divide the vision width " + visionConfig.dims().hidden());
        }
        ImagePreprocessing preprocessing = preprocessing(folder, manifest, visionConfig);

        Device device;
        try {
            device = spec.resolve(engine);
        } catch (IllegalStateException e) {
            throw new BundleException(e.getMessage(), e);
        }
        DataType computeType = spec.precision().dataType();
        SafetensorsWeights weights = SafetensorsWeights.open(folder, json);
        NDManager manager = engine.newBaseManager(device);
        SiglipVisionTower vision = null;
        try {
            vision = SiglipVisionTower.load(weights, visionConfig, new FramePreprocessor(preprocessing), manager, device,
                    computeType);
            TextParts text = manifest.textEncoder() == TextEncoderKind.MINILM_ONNX
                    ? projectedSentences(weights, visionConfig, manager)
                    : text(folder, config, weights, manager, device, computeType);
            ModelBundle bundle = new ModelBundle(folder, manifest, merge, spec, manager, weights, vision, text.encoder,
                    text.reason);
            warmUp(bundle);
            return bundle;
        } catch (RuntimeException e) {
            if (vision != null) {
                vision.close();
            }
            manager.close();
            throw e;
        }
    }

    private static void checkDims(BundleManifest manifest, SiglipVisionConfig vision, Path bundleJson) {
        manifest.expectedHidden().filter(h -> h != vision.dims().hidden()).ifPresent(h -> {
            throw new BundleException(bundleJson + ": dims.hidden is " + h + " but config.json gives the vision tower"
                    + " hidden_size " + vision.dims().hidden() + "; make them agree");
        });
        manifest.expectedTokensPerFrame().filter(t -> t != vision.tokensPerFrame()).ifPresent(t -> {
            throw new BundleException(bundleJson + ": dims.tokensPerFrame is " + t + " but config.json gives "
                    + vision.tokensPerFrame() + " patches per frame (image_size " + vision.imageSize() + " / patch_size "
                    + vision.patchSize() + ", squared); make them agree");
        });
        if (manifest.tokenBudget().tokensPerFrame() > vision.tokensPerFrame()) {
            throw new BundleException(bundleJson + ": tokenBudget.tokensPerFrame " + manifest.tokenBudget().tokensPerFrame()
                    + " exceeds the " + vision.tokensPerFrame() + " patch tokens a frame has; lower it");
        }
    }

    private ImagePreprocessing preprocessing(Path folder, BundleManifest manifest, SiglipVisionConfig vision) {
        if (manifest.preprocessing().isPresent()) {
            return manifest.preprocessing().get();
        }
        Path file = folder.resolve("preprocessor_config.json");
        if (!Files.isRegularFile(file)) {
            return ImagePreprocessing.siglipDefaults(vision.imageSize());
        }
        try {
            return ImagePreprocessing.fromHuggingFace(json.readTree(file.toFile()), vision.imageSize());
        } catch (IOException | IllegalArgumentException e) {
            throw new BundleException(file + ": " + e.getMessage(), e);
        }
    }

    private record TextParts(TextEmbedder encoder, String reason) {}

    /** all-MiniLM-L6-v2 from the class path and the bundle's trained projection into the vision width. */
    private static TextParts projectedSentences(SafetensorsWeights weights, SiglipVisionConfig vision, NDManager manager) {
        NDArray projection = weights.get(ProjectedSentenceEmbedder.PROJECTION,
                new ai.djl.ndarray.types.Shape(vision.dims().hidden(), MiniLmSentenceEncoder.DIM), manager);
        MiniLmSentenceEncoder sentences = MiniLmSentenceEncoder.fromClasspath(Runtime.getRuntime().availableProcessors());
        return new TextParts(new ProjectedSentenceEmbedder(sentences, projection), "");
    }

    private TextParts text(Path folder, SiglipConfig config, SafetensorsWeights weights, NDManager manager,
                           Device device, DataType computeType) {
        if (config.text().isEmpty()) {
            return new TextParts(null, "config.json describes no text tower");
        }
        if (!weights.contains(SiglipTextTower.PREFIX + ".embeddings.token_embedding.weight")) {
            return new TextParts(null, "the weights have no text_model.* tensors (a vision-only checkpoint)");
        }
        Path tokenizerJson = folder.resolve("tokenizer.json");
        Path spiece = folder.resolve("spiece.model");
        if (!Files.isRegularFile(tokenizerJson) && !Files.isRegularFile(spiece)) {
            String reason = "the folder has neither tokenizer.json nor spiece.model";
            log.warn("{}: text queries disabled: {}", folder, reason);
            return new TextParts(null, reason);
        }
        SiglipTextConfig textConfig = config.text().get();
        // tokenizer.json (fast tokenizers) when present, else the original checkpoints' SentencePiece model.
        TextTokenizer tokenizer = Files.isRegularFile(tokenizerJson) ? new HuggingFaceJsonTokenizer(tokenizerJson)
                : new SentencePieceTokenizer(spiece);
        try {
            long padId = padId(folder, tokenizer, textConfig);
            SiglipTextTower tower = SiglipTextTower.load(weights, textConfig, manager, device, computeType);
            return new TextParts(new SiglipTextEncoder(tokenizer, tower, padId), "");
        } catch (RuntimeException e) {
            tokenizer.close();
            throw e;
        }
    }

    /** The pad token named by the tokenizer files (SigLIP pads with {@code </s>}), else the config's pad id. */
    private long padId(Path folder, TextTokenizer tokenizer, SiglipTextConfig textConfig) {
        for (String name : List.of("tokenizer_config.json", "special_tokens_map.json")) {
            Path file = folder.resolve(name);
            if (!Files.isRegularFile(file)) {
                continue;
            }
            try {
                JsonNode pad = json.readTree(file.toFile()).get("pad_token");
                String content = pad == null ? null : pad.isTextual() ? pad.asText() : pad.path("content").asText(null);
                if (content != null) {
                    OptionalLong id = tokenizer.idOf(content);
                    if (id.isPresent()) {
                        return id.getAsLong();
                    }
                }
            } catch (IOException e) {
                throw new BundleException(file + " is not valid JSON: " + e.getMessage(), e);
            }
        }
        return textConfig.padTokenId();
    }

    private static void warmUp(ModelBundle bundle) {
        long start = System.nanoTime();
        int size = bundle.vision().config().imageSize();
        try (NDManager scratch = bundle.manager().newSubManager()) {
            bundle.vision().encode(List.of(new RgbFrame(size, size, new byte[size * size * 3])), scratch);
            bundle.text().ifPresent(t -> t.embed(List.of("warm-up"), scratch));
        }
        log.info("model bundle '{}' loaded from {} on {} {} (vision {}x{} -> {} tokens x {}, text {}); warm-up {} ms",
                bundle.id(), bundle.folder(), bundle.device().device(), bundle.device().precision(),
                size, size, bundle.vision().config().tokensPerFrame(), bundle.vision().config().dims().hidden(),
                bundle.text().isPresent() ? "yes" : "no: " + bundle.textUnavailableReason(),
                (System.nanoTime() - start) / 1_000_000);
    }
}
