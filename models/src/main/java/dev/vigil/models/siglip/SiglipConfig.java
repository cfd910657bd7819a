package dev.vigil.models.siglip;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What a Hugging Face SigLIP {@code config.json} describes: a full {@code SiglipModel} (both towers, nested
 * {@code vision_config} / {@code text_config}), or a {@code SiglipVisionModel} / {@code SiglipTextModel} with the
 * fields at top level.
 */
public record SiglipConfig(Optional<SiglipVisionConfig> vision, Optional<SiglipTextConfig> text) {

    /** Reads {@code config.json}. */
    public static SiglipConfig read(Path configJson, ObjectMapper json) {
        try {
            return fromJson(json.readTree(configJson.toFile()), configJson.toString());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage().startsWith(configJson.toString())
                    ? e.getMessage() : configJson + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + configJson + ": " + e.getMessage(), e);
        }
    }

    /** Interprets a parsed config; {@code source} names it in error messages. */
    public static SiglipConfig fromJson(JsonNode root, String source) {
        String type = root.path("model_type").asText("");
        Optional<SiglipVisionConfig> vision = Optional.empty();
        Optional<SiglipTextConfig> text = Optional.empty();
        if (root.has("vision_config") || type.equals("siglip")) {
            // HF fills an absent sub-config of a SiglipModel with defaults
            vision = Optional.of(SiglipVisionConfig.fromJson(root.path("vision_config")));
        } else if (type.equals("siglip_vision_model") || (type.isEmpty() && root.has("patch_size"))) {
            vision = Optional.of(SiglipVisionConfig.fromJson(root));
        }
        if (root.has("text_config") || type.equals("siglip")) {
            text = Optional.of(SiglipTextConfig.fromJson(root.path("text_config")));
        } else if (type.equals("siglip_text_model") || (type.isEmpty() && root.has("vocab_size"))) {
            text = Optional.of(SiglipTextConfig.fromJson(root));
        }
        if (vision.isEmpty() && text.isEmpty()) {
            throw new IllegalArgumentException(source + " is not a SigLIP config: expected model_type siglip,"
                    + " siglip_vision_model or siglip_text_model (got '" + type + "'), or a vision_config/text_config");
        }
        return new SiglipConfig(vision, text);
    }

    /** A config with nothing set, for callers that only need defaults. */
    static JsonNode empty() {
        return MissingNode.getInstance();
    }

    /** Whether {@code folder} has a {@code config.json}. */
    public static boolean present(Path folder) {
        return Files.isRegularFile(folder.resolve("config.json"));
    }
}
