package dev.vigil.models.siglip;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import dev.vigil.models.runtime.VectorApi;

/** The MLP non-linearities named by Hugging Face's {@code hidden_act}. */
public enum Activation {
    /** {@code gelu_pytorch_tanh}: the tanh approximation of GELU, SigLIP's activation. */
    GELU_TANH {
        @Override
        NDArray apply(NDArray x) {
            if (VectorApi.available() && !x.getDevice().isGpu() && x.getDataType() == DataType.FLOAT32) {
                return SimdGeluTanh.apply(x);
            }
            return geluTanhWithTensors(x);
        }
    },
    /** {@code gelu}: exact GELU with erf. */
    GELU {
        @Override
        NDArray apply(NDArray x) {
            return x.getNDArrayInternal().gelu(); // PyTorch's gelu, approximate = "none" (erf)
        }
    },
    /** {@code quick_gelu}: x sigmoid(1.702 x), used by CLIP. */
    QUICK_GELU {
        @Override
        NDArray apply(NDArray x) {
            return x.mul(1.702).getNDArrayInternal().sigmoid().muli(x);
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

    private static final double SQRT_2_OVER_PI = Math.sqrt(2.0 / Math.PI);

    /**
     * tanh-GELU in tensor ops, on any device and precision: 0.5 x (1 + tanh(z)) = x sigmoid(2z) with
     * z = sqrt(2/pi) (x + 0.044715 x^3), the same function in fewer, cheaper ops than written (PyTorch's CPU
     * pow(x, 3) and tanh each cost as much as the rest together: 26 -> 11 ms on a [64, 64, 768] activation,
     * one thread). On CPU in fp32 {@link SimdGeluTanh} is faster still.
     */
    static NDArray geluTanhWithTensors(NDArray x) {
        NDArray twoZ = x.square().muli(2 * 0.044715 * SQRT_2_OVER_PI).addi(2 * SQRT_2_OVER_PI).muli(x);
        return twoZ.getNDArrayInternal().sigmoid().muli(x);
    }
}
