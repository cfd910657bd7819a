package dev.vigil.models.answer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.models.weights.FloatTensor;
import dev.vigil.models.weights.SafetensorsWriter;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Writes an answer model with seeded random weights into a bundle folder: the starting point of training, and a
 * real model (files, loader and all) for tests that check plumbing rather than answers. Matrices are normal with
 * standard deviation 0.02 (GPT-2's initialisation), biases zero, layer norms the identity. The same seed, shape and
 * vocabulary give the same tensors.
 */
public final class SeededAnswerWriter {
    private SeededAnswerWriter() {
    }

    /** The seeded tensors, in {@link AnswerLayout}'s order. */
    public static Map<String, FloatTensor> tensors(AnswerConfig config, int dim, int vocabulary, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Map<String, FloatTensor> out = new LinkedHashMap<>();
        for (Map.Entry<String, long[]> e : AnswerLayout.shapes(config, dim, vocabulary).entrySet()) {
            long[] shape = e.getValue();
            int n = 1;
            for (long d : shape) {
                n *= (int) d;
            }
            float[] v = new float[n];
            String name = e.getKey();
            if (shape.length == 1 && name.endsWith(".weight")) {
                // the only vectors named weight are layer norms' gains
                Arrays.fill(v, 1f);
            } else if (shape.length == 2) {
                for (int i = 0; i < n; i++) {
                    v[i] = (float) (gaussian(random) * 0.02);
                }
            }
            out.put(name, new FloatTensor(shape.clone(), v));
        }
        return out;
    }

    /** Writes {@code answer.safetensors}, {@code answer-vocab.txt} and {@code answer.json} into {@code folder}. */
    public static void write(Path folder, int dim, AnswerConfig config, AnswerVocabulary vocabulary, long seed) {
        write(folder, config, vocabulary, tensors(config, dim, vocabulary.size(), seed), new ObjectMapper()
                .createObjectNode().put("trainedBy", "SeededAnswerWriter (seed " + seed + "): untrained"));
    }

    /** A seeded model with {@link AnswerConfig#standard()} and a small vocabulary of the reserved tokens and a few words. */
    public static void write(Path folder, int dim, long seed) {
        AnswerConfig config = AnswerConfig.standard();
        List<String> tokens = new ArrayList<>(AnswerVocabulary.reserved(config.maxEvents()));
        tokens.addAll(List.of(".", ",", "a", "the", "was", "seen", "not", "on", "at", "from", "to", "left", "arrived"));
        write(folder, dim, config, new AnswerVocabulary(tokens), seed);
    }

    /**
     * Writes the three files from given tensors (the trainer's result).
     *
     * @param about fields for {@code answer.json} besides the shape, e.g. how the model was trained
     */
    public static void write(Path folder, AnswerConfig config, AnswerVocabulary vocabulary, Map<String, FloatTensor> tensors,
                             ObjectNode about) {
        ObjectMapper json = new ObjectMapper();
        SafetensorsWriter writer = new SafetensorsWriter(json);
        tensors.forEach(writer::add);
        vocabulary.write(folder);
        writer.write(folder.resolve(AnswerLayout.FILE));
        ObjectNode node = config.toJson(json);
        node.setAll(about);
        AnswerConfig.write(folder, node, json);
    }

    private static double gaussian(SplittableRandom r) {
        // Box–Muller: SplittableRandom has no nextGaussian on Java 17
        double u = 1 - r.nextDouble();
        double v = r.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
