package dev.vigil.models.reference;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.models.weights.FloatTensor;
import dev.vigil.models.weights.SafetensorsFile;
import dev.vigil.models.weights.SafetensorsWeights;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/**
 * The reference fixtures under {@code src/test/resources/reference/}, read with the production safetensors
 * reader: a fixture that the real reader cannot read is a bug in one or the other, worth failing on.
 */
final class ReferenceFixtures {

    private final ObjectMapper json = new ObjectMapper();

    /** A safetensors fixture as model weights. */
    SafetensorsWeights weights(String name) {
        return SafetensorsWeights.openFile(path(name), json);
    }

    /** A safetensors fixture of inputs and expected outputs. */
    SafetensorsFile tensors(String name) {
        return SafetensorsFile.open(path(name), json);
    }

    /** A fixture's JSON description. */
    JsonNode json(String name) {
        try {
            return json.readTree(path(name).toFile());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read fixture " + name, e);
        }
    }

    /** One tensor of a fixture as an array on {@code manager}, whatever its shape. */
    static NDArray array(SafetensorsFile file, String tensor, NDManager manager) {
        FloatTensor t = file.read(tensor);
        return manager.create(t.values(), new Shape(t.shape()));
    }

    private static Path path(String name) {
        URL url = ReferenceFixtures.class.getResource("/reference/" + name);
        if (url == null) {
            throw new IllegalStateException("fixture /reference/" + name + " is missing; run "
                    + "tools/reference/make_mamba_tome_reference.py");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("fixture " + url + " is not a file", e);
        }
    }
}
