package dev.vigil.models.siglip;

import ai.djl.ndarray.NDArray;

/** The MLP non-linearities named by Hugging Face's {@code hidden_act}. */
public enum Activation {
    /** {@code gelu_pytorch_tanh}: the tanh approximation of GELU, SigLIP's activation. */
    GELU_TANH {
        @Override
        NDArray apply(NDArray x) {
            // 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))
            NDArray inner = x.pow(3).muli(0.044715).addi(x).muli(Math.sqrt(2.0 / Math.PI));
            return inner.tanh().addi(1.0).muli(x).muli(0.5);
        }
    },
    /** {@code gelu}: exact GELU with erf. */
    GELU {
        @Override
        NDArray apply(NDArray x) {
            return x.mul(1.0 / Math.sqrt(2.0)).erf().addi(1.0).muli(x).muli(0.5);
        }
    },
    /** {@code quick_gelu}: x sigmoid(1.702 x), used by CLIP. */
    QUICK_GELU {
        @Override
        NDArray apply(NDArray x) {
            return x.mul(-1.702).exp().addi(1.0).pow(-1).muli(x);
        }
    };

    abstract NDArray apply(NDArray x);

    /** Maps a {@code hidden_act} value; unknown names are a configuration error. */
    public static Activation fromHuggingFace(String name) {
        return switch (name) {
            case "gelu_pytorch_tanh", "gelu_new", "gelu_fast" -> GELU_TANH;
            case "gelu" -> GELU;
            case "quick_gelu" -> QUICK_GELU;
            default -> throw new IllegalArgumentException("hidden_act '" + name
                    + "' is not supported: use gelu_pytorch_tanh, gelu or quick_gelu");
        };
    }
}
