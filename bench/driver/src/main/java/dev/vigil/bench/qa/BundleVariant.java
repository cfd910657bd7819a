package dev.vigil.bench.qa;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.models.answer.AnswerConfig;
import dev.vigil.models.answer.AnswerLayout;
import dev.vigil.models.answer.AnswerVocabulary;
import dev.vigil.models.clip.ClipEncoder;
import dev.vigil.models.weights.SafetensorsDtype;
import dev.vigil.models.weights.SafetensorsWeights;
import dev.vigil.models.weights.SafetensorsWriter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Copies of a bundle with one part switched off, for the ablation table of {@code vigil bench qa}: the same
 * weights everywhere else, so a difference in scores is that part's. The bundle's answer model, when it has one,
 * comes along unchanged: it then reads the variant's tokens, and its exact match shows what the part gives it.
 */
final class BundleVariant {

    private final ObjectMapper json = new ObjectMapper();

    /** The bundle without its temporal readout: clips get no clip embedding and are scored by their frames alone. */
    Path withoutReadout(Path bundle, Path out) {
        copyManifest(bundle, out, root -> root.put("id", root.path("id").asText() + "-frames-only"));
        SafetensorsWeights weights = SafetensorsWeights.open(bundle, json);
        SafetensorsWriter writer = new SafetensorsWriter(json).metadata("format", "pt");
        for (String name : weights.names().stream().sorted().toList()) {
            // the folder's weights include the answer model's file, which is copied as it is
            if (!name.startsWith(ClipEncoder.READOUT_PREFIX + ".") && !name.startsWith(AnswerLayout.PREFIX)) {
                writer.add(name, SafetensorsDtype.F16, weights.read(name,
                        new ai.djl.ndarray.types.Shape(weights.info(name).shape())));
            }
        }
        writer.write(out.resolve("model.safetensors"));
        return out;
    }

    /**
     * The bundle with its Mamba temporal encoder switched off ({@code temporal.layers} 0): frames go from the vision
     * tower straight to merging, as if Mamba were the identity; every weight is the same.
     */
    Path withoutTemporalEncoder(Path bundle, Path out) {
        copyManifest(bundle, out, root -> {
            root.put("id", root.path("id").asText() + "-no-mamba");
            ObjectNode temporal = root.get("temporal") instanceof ObjectNode t ? t : root.putObject("temporal");
            temporal.put("layers", 0);
        });
        copy(bundle, out, "model.safetensors");
        return out;
    }

    /** The bundle merging each frame to {@code tokensPerFrame} tokens instead of its budget. */
    Path withTokensPerFrame(Path bundle, int tokensPerFrame, Path out) {
        copyManifest(bundle, out, root -> {
            root.put("id", root.path("id").asText() + "-" + tokensPerFrame + "-tokens");
            ((ObjectNode) root.get("tokenBudget")).put("tokensPerFrame", tokensPerFrame);
        });
        copy(bundle, out, "model.safetensors");
        return out;
    }

    private void copyManifest(Path bundle, Path out, java.util.function.Consumer<ObjectNode> edit) {
        try {
            Files.createDirectories(out);
            copy(bundle, out, "config.json");
            for (String answerFile : List.of(AnswerLayout.FILE, AnswerVocabulary.FILE, AnswerConfig.FILE)) {
                if (Files.exists(bundle.resolve(answerFile))) {
                    copy(bundle, out, answerFile);
                }
            }
            ObjectNode root = (ObjectNode) json.readTree(bundle.resolve("bundle.json").toFile());
            edit.accept(root);
            Files.writeString(out.resolve("bundle.json"), json.writerWithDefaultPrettyPrinter().writeValueAsString(root));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write bundle variant " + out + ": " + e.getMessage(), e);
        }
    }

    private static void copy(Path from, Path to, String file) {
        try {
            Files.copy(from.resolve(file), to.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + from.resolve(file) + ": " + e.getMessage(), e);
        }
    }
}
