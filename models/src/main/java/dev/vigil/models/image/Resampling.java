package dev.vigil.models.image;

/**
 * Resize filters, with the semantics of Pillow's {@code Image.resize} (which Hugging Face image processors call):
 * when shrinking, the filter's support widens with the scale factor, so downscaling averages over the source
 * area instead of aliasing.
 */
public enum Resampling {
    /** Triangle filter (Pillow {@code BILINEAR}, resample code 2). */
    BILINEAR(1.0) {
        @Override
        double weight(double x) {
            double a = Math.abs(x);
            return a < 1.0 ? 1.0 - a : 0.0;
        }
    },
    /** Keys cubic with a = -0.5 (Pillow {@code BICUBIC}, resample code 3, the SigLIP default). */
    BICUBIC(2.0) {
        @Override
        double weight(double x) {
            double a = -0.5;
            double t = Math.abs(x);
            if (t < 1.0) {
                return ((a + 2.0) * t - (a + 3.0)) * t * t + 1.0;
            }
            if (t < 2.0) {
                return (((t - 5.0) * t + 8.0) * t - 4.0) * a;
            }
            return 0.0;
        }
    };

    private final double support;

    Resampling(double support) {
        this.support = support;
    }

    /** Half-width of the filter at scale 1. */
    double support() {
        return support;
    }

    /** Filter value at distance {@code x} (in destination-scaled source pixels). */
    abstract double weight(double x);

    /** The filter for a Hugging Face / Pillow {@code resample} code; codes other than 2 and 3 are refused. */
    public static Resampling fromPillowCode(int code) {
        return switch (code) {
            case 2 -> BILINEAR;
            case 3 -> BICUBIC;
            default -> throw new IllegalArgumentException("resample code " + code
                    + " is not supported: use 2 (bilinear) or 3 (bicubic)");
        };
    }
}
