package dev.vigil.models.siglip;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;

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

    /**
     * Runs the layers; each layer's temporaries are freed when it ends (a scope per layer), so a 64-frame
     * forward holds about one layer's arrays at a time instead of all of them until the caller's scope ends.
     */
    NDArray forward(NDArray x) {
        NDArray h = x;
        for (EncoderLayer layer : layers) {
            NDArray next;
            try (NDScope scope = new NDScope()) {
                next = layer.forward(h);
                NDScope.unregister(next);
            }
            NDScope.register(next); // back into the caller's scope, which frees it if nobody takes it
            if (h != x) {
                h.close(); // the previous layer's output; the caller's input stays the caller's
            }
            h = next;
        }
        return h;
    }
}
