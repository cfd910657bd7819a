package dev.vigil.training;

import ai.djl.ndarray.NDArray;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.models.weights.FloatTensor;
import dev.vigil.models.weights.SafetensorsWeights;
import dev.vigil.models.weights.SafetensorsWriter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A resumable training checkpoint folder: {@code params.safetensors} (fp32, the trained tensors by name),
 * {@code optimizer.safetensors} (Adam moments) and {@code state.json} (steps done, the seed, the loss history).
 *
 * <p>{@code state.json} is written last and atomically, so a run killed while saving resumes from the previous
 * complete checkpoint (the safetensors files are replaced atomically too, and state.json names their step).
 *
 * @param folder where the files live
 */
public record TrainingCheckpoint(Path folder) {

    /** What a checkpoint holds. */
    public record Saved(int step, long seed, Map<String, float[]> parameters, Map<String, float[]> optimizer,
                        List<Double> losses) {
    }

    /** Writes a checkpoint after {@code step} steps. */
    public void save(int step, long seed, Map<String, NDArray> parameters, Map<String, NDArray> optimizer,
                     List<Double> losses, ObjectMapper json) {
        try {
            Files.createDirectories(folder);
            write(parameters, folder.resolve("params.safetensors"), json);
            write(optimizer, folder.resolve("optimizer.safetensors"), json);
            ObjectNode state = json.createObjectNode();
            state.put("step", step);
            state.put("seed", seed);
            losses.forEach(state.putArray("losses")::add);
            Path tmp = folder.resolve("state.json.tmp");
            Files.writeString(tmp, json.writerWithDefaultPrettyPrinter().writeValueAsString(state));
            Files.move(tmp, folder.resolve("state.json"), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write checkpoint " + folder + ": " + e.getMessage(), e);
        }
    }

    /**
     * Continues from this checkpoint when the folder has one: puts the saved values into {@code parameters} and
     * {@code optimizer}, the saved losses into {@code losses}, and returns the step to continue at (0 without a
     * checkpoint, and then nothing is touched).
     *
     * @throws IllegalArgumentException if the checkpoint is of another seed or lacks one of the parameters
     */
    public int resume(long seed, Map<String, NDArray> parameters, AdamW optimizer, List<Double> losses,
                      ObjectMapper json) {
        Optional<Saved> saved = load(json);
        if (saved.isEmpty()) {
            return 0;
        }
        if (saved.get().seed() != seed) {
            throw new IllegalArgumentException("checkpoint " + folder + " is of seed " + saved.get().seed() + ", not "
                    + seed + "; use another checkpoint folder");
        }
        parameters.forEach((name, p) -> {
            float[] values = saved.get().parameters().get(name);
            if (values == null) {
                throw new IllegalArgumentException("checkpoint " + folder + " has no parameter " + name
                        + " (was it made by another command or with other options?)");
            }
            p.set(values);
        });
        optimizer.restore(saved.get().optimizer());
        losses.addAll(saved.get().losses());
        return saved.get().step();
    }

    /** The checkpoint, if the folder has a complete one. */
    public Optional<Saved> load(ObjectMapper json) {
        Path state = folder.resolve("state.json");
        if (!Files.isRegularFile(state)) {
            return Optional.empty();
        }
        try {
            JsonNode root = json.readTree(state.toFile());
            List<Double> losses = new ArrayList<>();
            root.path("losses").forEach(n -> losses.add(n.asDouble()));
            return Optional.of(new Saved(root.path("step").asInt(), root.path("seed").asLong(),
                    read(folder.resolve("params.safetensors"), json), read(folder.resolve("optimizer.safetensors"), json),
                    losses));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read checkpoint " + folder + ": " + e.getMessage(), e);
        }
    }

    private static void write(Map<String, NDArray> arrays, Path file, ObjectMapper json) {
        SafetensorsWriter writer = new SafetensorsWriter(json).metadata("format", "pt");
        arrays.forEach((name, a) -> writer.add(name, FloatTensor.of(a.toFloatArray(), a.getShape().getShape())));
        writer.write(file);
    }

    private static Map<String, float[]> read(Path file, ObjectMapper json) {
        SafetensorsWeights weights = SafetensorsWeights.openFile(file, json);
        Map<String, float[]> out = new LinkedHashMap<>();
        for (String name : weights.names()) {
            out.put(name, weights.read(name, new ai.djl.ndarray.types.Shape(weights.info(name).shape())).values());
        }
        return out;
    }
}
