package dev.vigil.models.siglip;

import ai.djl.ndarray.NDArray;

/** {@code fc2(act(fc1(x)))}: the SigLIP MLP ({@code mlp.fc1}, {@code mlp.fc2}). */
final class Mlp {

    private final Linear fc1;
    private final Linear fc2;
    private final Activation activation;

    private Mlp(Linear fc1, Linear fc2, Activation activation) {
        this.fc1 = fc1;
        this.fc2 = fc2;
        this.activation = activation;
    }

    static Mlp load(ParameterLoader loader, String prefix, long hidden, long intermediate, Activation activation) {
        return new Mlp(Linear.load(loader, prefix + ".fc1", hidden, intermediate),
                Linear.load(loader, prefix + ".fc2", intermediate, hidden), activation);
    }

    NDArray forward(NDArray x) {
        return fc2.forward(activation.apply(fc1.forward(x)));
    }
}
