package dev.vigil.models.siglip;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The text tower's sizes, as in Hugging Face's {@code SiglipTextConfig}.
 *
 * @param dims encoder sizes
 * @param vocabSize token embedding rows
 * @param maxPositions {@code max_position_embeddings}: the fixed text length (SigLIP pads every text to it)
 * @param projectionSize output width of {@code head} ({@code projection_size}, default {@code hidden_size})
 * @param padTokenId id used for padding when the tokenizer files do not name a pad token
 * @param eosTokenId end-of-sequence id from the config
 */
public record SiglipTextConfig(TransformerDims dims, int vocabSize, int maxPositions, int projectionSize,
                               int padTokenId, int eosTokenId) {

    public SiglipTextConfig {
        if (vocabSize <= 0 || maxPositions <= 0 || projectionSize <= 0) {
            throw new IllegalArgumentException("text sizes must be positive: vocab_size=" + vocabSize
                    + ", max_position_embeddings=" + maxPositions + ", projection_size=" + projectionSize);
        }
    }

    /** Reads a text config object, applying Hugging Face's defaults for absent fields. */
    public static SiglipTextConfig fromJson(JsonNode c) {
        int hidden = c.path("hidden_size").asInt(768);
        TransformerDims dims = new TransformerDims(
                hidden,
                c.path("intermediate_size").asInt(3072),
                c.path("num_hidden_layers").asInt(12),
                c.path("num_attention_heads").asInt(12),
                c.path("layer_norm_eps").asDouble(1e-6),
                Activation.fromHuggingFace(c.path("hidden_act").asText("gelu_pytorch_tanh")));
        return new SiglipTextConfig(dims, c.path("vocab_size").asInt(32000),
                c.path("max_position_embeddings").asInt(64), c.path("projection_size").asInt(hidden),
                c.path("pad_token_id").asInt(1), c.path("eos_token_id").asInt(49407));
    }
}
