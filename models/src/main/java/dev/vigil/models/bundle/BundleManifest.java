package dev.vigil.models.bundle;

import dev.vigil.models.image.ImagePreprocessing;
import dev.vigil.models.text.TextEncoderKind;

import java.util.Optional;

/**
 * The contents of {@code bundle.json}, or their defaults for a Hugging Face folder without one.
 *
 * <pre>{@code
 * {
 *   "id": "synthcam-tiny",
 *   "architecture": "siglip",
 *   "dims": {"hidden": 64, "tokensPerFrame": 16},                  // optional, checked against config.json
 *   "preprocessing": {"imageSize": 64, "resample": "bicubic",      // optional, else preprocessor_config.json
 *                     "rescale": 0.00392156862745098, "mean": [0.5, 0.5, 0.5], "std": [0.5, 0.5, 0.5]},
 *   "tokenBudget": {"tokensPerFrame": 16, "clipFrames": 4},
 *   "temporal": {"layers": 2, "dState": 16, "dConv": 4, "expand": 2, "bidirectional": false},
 *   "merge": {"metricChunk": 64, "order": "stable"},
 *   "text": {"encoder": "minilm-onnx"},                            // optional, default "siglip"
 *   "training": {...}                                              // optional, free-form: how it was trained
 * }
 * }</pre>
 *
 * @param id bundle name, reported with every encoding
 * @param architecture vision/text architecture; only {@code siglip} today
 * @param expectedHidden {@code dims.hidden} if given
 * @param expectedTokensPerFrame {@code dims.tokensPerFrame} (patch tokens) if given
 * @param preprocessing explicit preprocessing, overriding {@code preprocessor_config.json}
 * @param tokenBudget tokens kept per frame and clip length
 * @param temporal Mamba temporal encoder
 * @param merge token merging; its metric chunk defaults to the vision head width
 * @param textEncoder which text encoder embeds queries ({@code text.encoder})
 */
public record BundleManifest(String id, String architecture, Optional<Integer> expectedHidden,
                             Optional<Integer> expectedTokensPerFrame, Optional<ImagePreprocessing> preprocessing,
                             TokenBudget tokenBudget, TemporalConfig temporal, Optional<MergeConfig> merge,
                             TextEncoderKind textEncoder) {

    /** The only architecture implemented. */
    public static final String SIGLIP = "siglip";

    public BundleManifest {
        if (id == null || id.isBlank()) {
            throw new BundleException("bundle.json: 'id' is missing; give the bundle a name, e.g. \"id\": \"my-model\"");
        }
        if (!SIGLIP.equals(architecture)) {
            throw new BundleException("bundle.json: architecture '" + architecture + "' is not supported; use \""
                    + SIGLIP + "\"");
        }
    }

    /**
     * Defaults for a plain Hugging Face SigLIP folder: no temporal encoder, 4-frame clips, 16 tokens per frame
     * (or all of them, for a model with fewer patches).
     */
    public static BundleManifest defaults(String id, int patchTokensPerFrame) {
        TokenBudget budget = new TokenBudget(Math.min(TokenBudget.DEFAULT.tokensPerFrame(), patchTokensPerFrame),
                TokenBudget.DEFAULT.clipFrames());
        return new BundleManifest(id, SIGLIP, Optional.empty(), Optional.empty(), Optional.empty(), budget,
                TemporalConfig.NONE, Optional.empty(), TextEncoderKind.SIGLIP);
    }
}
