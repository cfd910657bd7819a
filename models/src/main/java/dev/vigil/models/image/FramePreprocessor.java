package dev.vigil.models.image;

import java.util.List;

/**
 * Turns decoded frames into normalised model input, {@code [frames, 3, height, width]} fp32, channel-first.
 *
 * <p>Resizing is Pillow's separable resampling exactly as Pillow computes it for 8-bit images (horizontal pass, then
 * vertical, each in fixed point and rounded and clamped to 8 bits as Pillow stores its intermediate image),
 * because Hugging Face image processors resize through Pillow: the same frame gives Pillow's bytes.
 */
public final class FramePreprocessor {

    private final ImagePreprocessing spec;

    public FramePreprocessor(ImagePreprocessing spec) {
        this.spec = spec;
    }

    /** The preprocessing this instance applies. */
    public ImagePreprocessing spec() {
        return spec;
    }

    /** Values per frame in the output: {@code 3 * height * width}. */
    public int valuesPerFrame() {
        return 3 * spec.height() * spec.width();
    }

    /** Preprocesses a batch into one row-major {@code [frames, 3, height, width]} array. */
    public float[] toPixels(List<RgbFrame> frames) {
        int per = valuesPerFrame();
        float[] out = new float[frames.size() * per];
        for (int i = 0; i < frames.size(); i++) {
            writeFrame(frames.get(i), out, i * per);
        }
        return out;
    }

    /**
     * The frame resized to the model input size, still 8-bit: exactly the values {@link #toPixels} normalises, so
     * {@code toPixels(List.of(resized(f)))} equals {@code toPixels(List.of(f))}. Lets training keep a large set
     * of frames at model size (49 KB each at 128×128 instead of 344 KB at 448×256), and the encoder worker resize
     * on its decode threads.
     */
    public RgbFrame resized(RgbFrame frame) {
        int[] values = resize(frame, spec.width(), spec.height());
        byte[] rgb = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            rgb[i] = (byte) values[i];
        }
        return new RgbFrame(spec.width(), spec.height(), rgb);
    }

    private void writeFrame(RgbFrame frame, float[] out, int offset) {
        int h = spec.height();
        int w = spec.width();
        int[] resized = resize(frame, w, h); // interleaved 8-bit samples after resize
        for (int c = 0; c < 3; c++) {
            double scale = spec.rescaleFactor() / spec.std()[c];
            double shift = spec.mean()[c] / spec.std()[c];
            int plane = offset + c * h * w;
            for (int i = 0; i < h * w; i++) {
                out[plane + i] = (float) (resized[i * 3 + c] * scale - shift);
            }
        }
    }

    /*
     * Pillow (Resample.c, 8 bits per channel) normalises each output sample's float taps, scales them to integers
     * with PRECISION_BITS fractional bits (rounding half away from zero), starts each sum at one half and keeps the
     * integer part, clamped to 0..255. The loops below do the same integer sums in memory order (the vertical
     * pass accumulates whole rows); integer addition is exact, so the order changes nothing.
     */
    private static final int PRECISION_BITS = 32 - 8 - 2;
    private static final int HALF = 1 << (PRECISION_BITS - 1);

    private int[] resize(RgbFrame frame, int outW, int outH) {
        int inW = frame.width();
        int inH = frame.height();
        byte[] rgb = frame.rgb();
        int[] src = new int[rgb.length];
        for (int i = 0; i < src.length; i++) {
            src[i] = rgb[i] & 0xff;
        }
        int[] horizontal = inW == outW ? src : horizontalPass(src, inW, inH, outW);
        return inH == outH ? horizontal : verticalPass(horizontal, outW, inH, outH);
    }

    private int[] horizontalPass(int[] in, int inW, int height, int outW) {
        Filter filter = Filter.of(spec.resampling(), inW, outW);
        int[] out = new int[outW * height * 3];
        for (int y = 0; y < height; y++) {
            int row = y * inW * 3;
            int o = y * outW * 3;
            for (int x = 0; x < outW; x++, o += 3) {
                int[] k = filter.weights[x];
                int i = row + filter.first[x] * 3;
                int r = HALF;
                int g = HALF;
                int b = HALF;
                for (int w : k) {
                    r += w * in[i];
                    g += w * in[i + 1];
                    b += w * in[i + 2];
                    i += 3;
                }
                out[o] = clip8(r);
                out[o + 1] = clip8(g);
                out[o + 2] = clip8(b);
            }
        }
        return out;
    }

    private int[] verticalPass(int[] in, int width, int inH, int outH) {
        Filter filter = Filter.of(spec.resampling(), inH, outH);
        int rowLength = width * 3;
        int[] out = new int[rowLength * outH];
        int[] sums = new int[rowLength];
        for (int y = 0; y < outH; y++) {
            java.util.Arrays.fill(sums, HALF);
            int[] k = filter.weights[y];
            int first = filter.first[y];
            for (int j = 0; j < k.length; j++) {
                int w = k[j];
                int row = (first + j) * rowLength;
                for (int i = 0; i < rowLength; i++) {
                    sums[i] += w * in[row + i];
                }
            }
            int o = y * rowLength;
            for (int i = 0; i < rowLength; i++) {
                out[o + i] = clip8(sums[i]);
            }
        }
        return out;
    }

    /** The integer part of a fixed-point sum, clamped to 0..255 (Pillow's {@code clip8}). */
    private static int clip8(int sum) {
        return Math.min(255, Math.max(0, sum >> PRECISION_BITS));
    }

    /** Pillow's per-output-sample filter taps: the first source index and the fixed-point weights. */
    private record Filter(int[] first, int[][] weights) {
        static Filter of(Resampling resampling, int inSize, int outSize) {
            double scale = (double) inSize / outSize;
            double filterScale = Math.max(scale, 1.0);
            double support = resampling.support() * filterScale;
            double inverseScale = 1.0 / filterScale; // Pillow multiplies by the inverse, which can differ in the last bit
            int[] first = new int[outSize];
            int[][] weights = new int[outSize][];
            for (int o = 0; o < outSize; o++) {
                double center = (o + 0.5) * scale;
                int min = Math.max((int) (center - support + 0.5), 0);
                int max = Math.min((int) (center + support + 0.5), inSize);
                double[] k = new double[max - min];
                double total = 0;
                for (int j = 0; j < k.length; j++) {
                    k[j] = resampling.weight((j + min - center + 0.5) * inverseScale);
                    total += k[j];
                }
                int[] fixed = new int[k.length];
                for (int j = 0; j < k.length; j++) {
                    double w = total == 0 ? 0 : k[j] / total;
                    fixed[j] = (int) (w < 0 ? -0.5 + w * (1 << PRECISION_BITS) : 0.5 + w * (1 << PRECISION_BITS));
                }
                first[o] = min;
                weights[o] = fixed;
            }
            return new Filter(first, weights);
        }
    }
}
