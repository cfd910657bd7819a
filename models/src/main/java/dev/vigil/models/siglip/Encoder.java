package dev.vigil.models.siglip;

import ai.djl.ndarray.NDArray;

import java.util.ArrayList;
import java.util.List;

/** The stack {@code <prefix>.layers.{i}} of encoder layers. */
final class Encoder {

    private final List<EncoderLayer> layers;

    private Encoder(List<EncoderLayer> layers) {
        this.layers = layers;
    }

    static Encoder load(ParameterLoader loader, String prefix, TransformerDims dims) {
        List<EncoderLayer> layers = new ArrayList<>();
        for (int i = 0; i < dims.layers(); i++) {
            layers.add(EncoderLayer.load(loader, prefix + ".layers." + i, dims));
        }
        return new Encoder(List.copyOf(layers));
    }

    NDArray forward(NDArray x) {
        NDArray h = x;
        for (EncoderLayer layer : layers) {
            h = layer.forward(h);
        }
        return h;
    }
}
