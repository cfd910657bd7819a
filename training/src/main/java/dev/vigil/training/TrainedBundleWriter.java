package dev.vigil.training;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.models.text.TextEncoderKind;
import dev.vigil.models.weights.FloatTensor;
import dev.vigil.models.weights.SafetensorsDtype;
import dev.vigil.models.weights.SafetensorsWeights;
import dev.vigil.models.weights.SafetensorsWriter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/**
 * Writes a trained bundle folder: the initial bundle's {@code config.json}, every tensor of its
 * {@code model.safetensors} with the trained ones replacing theirs, stored as fp16 (the loader widens to fp32),
 * and a {@code bundle.json} that selects the {@code minilm-onnx} text encoder and records how the bundle was made.
 *
 * <p>Tensor names stay Hugging Face's, so the folder loads like any SigLIP checkpoint.
 */
public final class TrainedBundleWriter {

    private final ObjectMapper json;

    public TrainedBundleWriter(ObjectMapper json) {
        this.json = json;
    }

    /**
     * @param initBundle the folder training started from (config, untrained tensors such as the temporal encoder)
     * @param trained    trained tensors by name
     * @param id         the new bundle's id
     * @param training   what to record under {@code training} in {@code bundle.json}
     * @param out        the folder to write (created; existing files replaced)
     */
    public Path write(Path initBundle, Map<String, FloatTensor> trained, String id, Map<String, Object> training,
                      Path out) {
        try {
            Files.createDirectories(out);
            Files.copy(initBundle.resolve("config.json"), out.resolve("config.json"), StandardCopyOption.REPLACE_EXISTING);
            SafetensorsWeights init = SafetensorsWeights.open(initBundle, json);
            SafetensorsWriter writer = new SafetensorsWriter(json).metadata("format", "pt");
            for (String name : init.names()) {
                FloatTensor t = trained.containsKey(name) ? trained.get(name)
                        : init.read(name, new ai.djl.ndarray.types.Shape(init.info(name).shape()));
                writer.add(name, SafetensorsDtype.F16, t);
            }
            trained.forEach((name, t) -> {
                if (!init.contains(name)) {
                    writer.add(name, SafetensorsDtype.F16, t);
                }
            });
            writer.write(out.resolve("model.safetensors"));
            ObjectNode bundle = (ObjectNode) json.readTree(initBundle.resolve("bundle.json").toFile());
            bundle.put("id", id);
            bundle.putObject("text").put("encoder", TextEncoderKind.MINILM_ONNX.wireName());
            bundle.set("training", json.valueToTree(training));
            Files.writeString(out.resolve("bundle.json"), json.writerWithDefaultPrettyPrinter().writeValueAsString(bundle)
                    + "\n");
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write bundle " + out + ": " + e.getMessage(), e);
        }
    }
}
