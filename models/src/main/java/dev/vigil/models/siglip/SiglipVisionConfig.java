package dev.vigil.models.siglip;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The vision tower's sizes, as in Hugging Face's {@code SiglipVisionConfig}.
 *
 * @param dims encoder sizes
 * @param numChannels input channels (3)
 * @param imageSize input height and width in pixels
 * @param patchSize patch height and width; the grid is {@code imageSize / patchSize} square
 * @param useHead whether the attention-pooling head may be used ({@code vision_use_head}); it is used only if
 *     its tensors are present as well
 */
public record SiglipVisionConfig(TransformerDims dims, int numChannels, int imageSize, int patchSize,
                                 boolean useHead) {

    public SiglipVisionConfig {
        if (patchSize <= 0 || imageSize < patchSize || imageSize % patchSize != 0) {
            throw new IllegalArgumentException("image_size " + imageSize + " must be a positive multiple of patch_size "
                    + patchSize);
        }
        if (numChannels != 3) {
            throw new IllegalArgumentException("num_channels is " + numChannels + "; vigil feeds RGB frames (3)");
        }
    }

    /** Patches along one side. */
    public int gridSize() {
        return imageSize / patchSize;
    }

    /** Patch tokens per frame: {@code gridSize()^2}. */
    public int tokensPerFrame() {
        return gridSize() * gridSize();
    }

    /** Reads a vision config object, applying Hugging Face's defaults for absent fields. */
    public static SiglipVisionConfig fromJson(JsonNode c) {
        TransformerDims dims = new TransformerDims(
                c.path("hidden_size").asInt(768),
                c.path("intermediate_size").asInt(3072),
                c.path("num_hidden_layers").asInt(12),
                c.path("num_attention_heads").asInt(12),
                c.path("layer_norm_eps").asDouble(1e-6),
                Activation.fromHuggingFace(c.path("hidden_act").asText("gelu_pytorch_tanh")));
        return new SiglipVisionConfig(dims, c.path("num_channels").asInt(3), c.path("image_size").asInt(224),
                c.path("patch_size").asInt(16), c.path("vision_use_head").asBoolean(true));
    }
}
