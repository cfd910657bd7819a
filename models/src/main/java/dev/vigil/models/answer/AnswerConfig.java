package dev.vigil.models.answer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.models.bundle.BundleException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The answer model's shape, read from {@code answer.json} in a bundle folder.
 *
 * @param width             decoder width H
 * @param layers            decoder layers
 * @param heads             attention heads (divides {@code width})
 * @param maxAnswerTokens   positions of the answer, {@code <bos>} included
 * @param maxEvents         evidence events the model reads
 * @param maxTokensPerEvent merged tokens read per event (more are cut)
 * @param maxFramesPerEvent frame embeddings read per event (more are cut)
 * @param sentenceDim       width of the sentence vector
 */
public record AnswerConfig(int width, int layers, int heads, int maxAnswerTokens, int maxEvents,
                           int maxTokensPerEvent, int maxFramesPerEvent, int sentenceDim) {
    /** The config file's name in a bundle folder. */
    public static final String FILE = "answer.json";

    public AnswerConfig {
        if (width <= 0 || layers <= 0 || heads <= 0 || width % heads != 0) {
            throw new IllegalArgumentException("answer model width " + width + " must be positive and divisible by "
                    + heads + " heads; layers " + layers + " must be positive");
        }
        if (maxAnswerTokens < 2 || maxEvents <= 0 || maxTokensPerEvent < 0 || maxFramesPerEvent < 0 || sentenceDim <= 0) {
            throw new IllegalArgumentException("answer model limits must be positive (maxAnswerTokens at least 2)");
        }
    }

    /** The shape vigil trains by default. */
    public static AnswerConfig standard() {
        return new AnswerConfig(96, 2, 4, 24, 4, 64, 4, 384);
    }

    /** Reads {@code folder/answer.json}; fields missing there take {@link #standard()}'s values. */
    public static AnswerConfig read(Path folder, ObjectMapper json) {
        Path file = folder.resolve(FILE);
        try {
            JsonNode n = json.readTree(file.toFile());
            AnswerConfig d = standard();
            return new AnswerConfig(n.path("width").asInt(d.width), n.path("layers").asInt(d.layers),
                    n.path("heads").asInt(d.heads), n.path("maxAnswerTokens").asInt(d.maxAnswerTokens),
                    n.path("maxEvents").asInt(d.maxEvents), n.path("maxTokensPerEvent").asInt(d.maxTokensPerEvent),
                    n.path("maxFramesPerEvent").asInt(d.maxFramesPerEvent), n.path("sentenceDim").asInt(d.sentenceDim));
        } catch (IOException | IllegalArgumentException e) {
            throw new BundleException(file + " is not a valid answer model config: " + e.getMessage(), e);
        }
    }

    /** This config as the JSON object of {@code answer.json} (callers may add fields, e.g. how it was trained). */
    public ObjectNode toJson(ObjectMapper json) {
        return json.createObjectNode().put("width", width).put("layers", layers).put("heads", heads)
                .put("maxAnswerTokens", maxAnswerTokens).put("maxEvents", maxEvents)
                .put("maxTokensPerEvent", maxTokensPerEvent).put("maxFramesPerEvent", maxFramesPerEvent)
                .put("sentenceDim", sentenceDim);
    }

    /** Writes {@code node} as {@code folder/answer.json}. */
    public static void write(Path folder, ObjectNode node, ObjectMapper json) {
        try {
            Files.createDirectories(folder);
            json.writerWithDefaultPrettyPrinter().writeValue(folder.resolve(FILE).toFile(), node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
