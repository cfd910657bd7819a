package dev.vigil.models.weights;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@link Weights} read from the safetensors files of a model folder, as Hugging Face lays them out.
 *
 * <p>A sharded folder has {@code model.safetensors.index.json}, whose {@code weight_map} names the shard of each
 * tensor; otherwise every {@code *.safetensors} file in the folder is read (usually just
 * {@code model.safetensors}). A tensor name present in two files is an error, so a stray copy of an old
 * checkpoint cannot silently shadow the real one.
 */
public final class SafetensorsWeights implements Weights {

    /** The index file name Hugging Face writes for sharded checkpoints. */
    public static final String INDEX_FILE = "model.safetensors.index.json";

    private final Path folder;
    private final Map<String, SafetensorsFile> fileOfTensor;

    private SafetensorsWeights(Path folder, Map<String, SafetensorsFile> fileOfTensor) {
        this.folder = folder;
        this.fileOfTensor = fileOfTensor;
    }

    /**
     * Opens every safetensors file of {@code folder} and checks their headers.
     *
     * @throws WeightsException if the folder has no safetensors file, an index names a missing shard, or a file
     *     is not a valid safetensors file
     */
    public static SafetensorsWeights open(Path folder, ObjectMapper json) {
        if (!Files.isDirectory(folder)) {
            throw new WeightsException("model folder " + folder + " does not exist or is not a directory");
        }
        Path index = folder.resolve(INDEX_FILE);
        return Files.isRegularFile(index) ? openSharded(folder, index, json) : openPlain(folder, json);
    }

    /**
     * The tensors of one standalone safetensors file (a fixture, a converted checkpoint outside a model folder).
     *
     * @throws WeightsException if the file is unreadable or not a valid safetensors file
     */
    public static SafetensorsWeights openFile(Path file, ObjectMapper json) {
        SafetensorsFile opened = SafetensorsFile.open(file, json);
        Map<String, SafetensorsFile> fileOfTensor = new LinkedHashMap<>();
        opened.tensors().keySet().forEach(name -> fileOfTensor.put(name, opened));
        Path parent = file.toAbsolutePath().getParent();
        return new SafetensorsWeights(parent, Collections.unmodifiableMap(fileOfTensor));
    }

    private static SafetensorsWeights openPlain(Path folder, ObjectMapper json) {
        List<Path> files;
        try (Stream<Path> list = Files.list(folder)) {
            files = list.filter(p -> p.getFileName().toString().endsWith(".safetensors") && Files.isRegularFile(p))
                    .sorted(Comparator.comparing(p -> p.getFileName().toString()))
                    .toList();
        } catch (IOException e) {
            throw new WeightsException("cannot list model folder " + folder + ": " + e.getMessage(), e);
        }
        if (files.isEmpty()) {
            throw new WeightsException("no safetensors weights in " + folder
                    + ": expected model.safetensors, or shards listed in " + INDEX_FILE);
        }
        Map<String, SafetensorsFile> fileOfTensor = new LinkedHashMap<>();
        for (Path file : files) {
            SafetensorsFile opened = SafetensorsFile.open(file, json);
            for (String name : opened.tensors().keySet()) {
                SafetensorsFile previous = fileOfTensor.put(name, opened);
                if (previous != null) {
                    throw new WeightsException("tensor '" + name + "' appears in both " + previous.path() + " and "
                            + file + "; remove the stale file or add " + INDEX_FILE);
                }
            }
        }
        return new SafetensorsWeights(folder, Collections.unmodifiableMap(fileOfTensor));
    }

    private static SafetensorsWeights openSharded(Path folder, Path index, ObjectMapper json) {
        JsonNode weightMap;
        try {
            weightMap = json.readTree(index.toFile()).get("weight_map");
        } catch (IOException e) {
            throw new WeightsException("cannot read " + index + ": " + e.getMessage(), e);
        }
        if (weightMap == null || !weightMap.isObject()) {
            throw new WeightsException(index + " has no 'weight_map' object");
        }
        Map<String, SafetensorsFile> shards = new LinkedHashMap<>();
        Map<String, SafetensorsFile> fileOfTensor = new LinkedHashMap<>();
        weightMap.fields().forEachRemaining(e -> {
            String shardName = e.getValue().asText();
            SafetensorsFile shard = shards.computeIfAbsent(shardName, s -> {
                Path shardPath = folder.resolve(s);
                if (!Files.isRegularFile(shardPath)) {
                    throw new WeightsException(index + " maps tensor '" + e.getKey() + "' to " + shardPath
                            + ", which does not exist");
                }
                return SafetensorsFile.open(shardPath, json);
            });
            if (shard.info(e.getKey()).isEmpty()) {
                throw new WeightsException(index + " maps tensor '" + e.getKey() + "' to " + shard.path()
                        + ", but that file does not contain it");
            }
            fileOfTensor.put(e.getKey(), shard);
        });
        return new SafetensorsWeights(folder, Collections.unmodifiableMap(fileOfTensor));
    }

    /** The folder these weights were read from. */
    public Path folder() {
        return folder;
    }

    /** The header entry of a tensor, for callers that discover dimensions from the weights. */
    public TensorInfo info(String name) {
        SafetensorsFile file = fileOfTensor.get(name);
        if (file == null) {
            throw missing(name);
        }
        return file.tensors().get(name);
    }

    /** Reads a tensor into host memory as fp32, checking its shape. */
    public FloatTensor read(String name, Shape expectedShape) {
        SafetensorsFile file = fileOfTensor.get(name);
        if (file == null) {
            throw missing(name);
        }
        TensorInfo info = file.tensors().get(name);
        if (!Arrays.equals(info.shape(), expectedShape.getShape())) {
            throw new WeightsException("tensor '" + name + "' in " + file.path() + " has shape " + info.shapeText()
                    + " but the model expects " + Arrays.toString(expectedShape.getShape())
                    + "; check that config.json matches the weights");
        }
        return file.read(name);
    }

    @Override
    public NDArray get(String name, Shape expectedShape, NDManager manager) {
        FloatTensor tensor = read(name, expectedShape);
        return manager.create(tensor.values(), expectedShape);
    }

    @Override
    public boolean contains(String name) {
        return fileOfTensor.containsKey(name);
    }

    @Override
    public Set<String> names() {
        return fileOfTensor.keySet();
    }

    private WeightsException missing(String name) {
        Set<Path> files = fileOfTensor.values().stream().map(SafetensorsFile::path)
                .collect(Collectors.toCollection(TreeSet::new));
        // the closest names share the longest dotted prefix; listing a few turns a typo or a renamed prefix
        // (e.g. "vision_model." missing) into an obvious fix
        List<String> similar = new ArrayList<>(closest(name, 3));
        return new WeightsException("tensor '" + name + "' not found in " + (files.isEmpty() ? folder : files)
                + " (" + fileOfTensor.size() + " tensors" + (similar.isEmpty() ? "" : ", nearest: " + similar) + ")");
    }

    private List<String> closest(String name, int limit) {
        return fileOfTensor.keySet().stream()
                .sorted(Comparator.comparingInt((String n) -> -commonPrefix(n, name)).thenComparing(n -> n))
                .limit(limit)
                .toList();
    }

    private static int commonPrefix(String a, String b) {
        int n = Math.min(a.length(), b.length());
        int i = 0;
        while (i < n && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        return i;
    }
}
