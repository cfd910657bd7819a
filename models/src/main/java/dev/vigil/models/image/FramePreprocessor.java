package dev.vigil.models.image;

import java.util.List;

/**
 * Turns decoded frames into normalised model input, {@code [frames, 3, height, width]} fp32, channel-first.
 *
 * <p>Resizing follows Pillow's separable resampling (horizontal pass, then vertical, each rounded and clamped
 * to 8 bits as Pillow stores its intermediate image), because Hugging Face image processors resize through
 * Pillow. Pillow computes in fixed point, so individual 8-bit values can differ by one; the effect on the
 * normalised input is at most 2/255 for mean = std = 0.5.
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
     * Both passes sum each output sample's taps in ascending source order in double precision, then round and
     * clamp to 8 bits; the loops are arranged for memory order (the vertical pass accumulates whole rows), which
     * changes no sum, so results are bit-identical to the straightforward per-sample loop.
     */
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
                double[] k = filter.weights[x];
                int base = row + filter.first[x] * 3;
                double r = 0;
                double g = 0;
                double b = 0;
                for (int j = 0, i = base; j < k.length; j++, i += 3) {
                    double w = k[j];
                    r += w * in[i];
                    g += w * in[i + 1];
                    b += w * in[i + 2];
                }
                out[o] = to8Bits(r);
                out[o + 1] = to8Bits(g);
                out[o + 2] = to8Bits(b);
            }
        }
        return out;
    }

    private int[] verticalPass(int[] in, int width, int inH, int outH) {
        Filter filter = Filter.of(spec.resampling(), inH, outH);
        int rowLength = width * 3;
        int[] out = new int[rowLength * outH];
        double[] sums = new double[rowLength];
        for (int y = 0; y < outH; y++) {
            java.util.Arrays.fill(sums, 0);
            double[] k = filter.weights[y];
            int first = filter.first[y];
            for (int j = 0; j < k.length; j++) {
                double w = k[j];
                int row = (first + j) * rowLength;
                for (int i = 0; i < rowLength; i++) {
                    sums[i] += w * in[row + i];
                }
            }
            int o = y * rowLength;
            for (int i = 0; i < rowLength; i++) {
                out[o + i] = to8Bits(sums[i]);
            }
        }
        return out;
    }

    /** Rounds half up and clamps to 0..255, as Pillow stores its intermediate and final 8-bit images. */
    private static int to8Bits(double sum) {
        return (int) Math.min(255, Math.max(0, Math.floor(sum + 0.5)));
    }

    /** Pillow's per-output-pixel filter taps: the first source index and normalised weights. */
    private record Filter(int[] first, double[][] weights) {
        static Filter of(Resampling resampling, int inSize, int outSize) {
            double scale = (double) inSize / outSize;
            double filterScale = Math.max(scale, 1.0);
            double support = resampling.support() * filterScale;
            int[] first = new int[outSize];
            double[][] weights = new double[outSize][];
            for (int o = 0; o < outSize; o++) {
                double center = (o + 0.5) * scale;
                int min = Math.max((int) (center - support + 0.5), 0);
                int max = Math.min((int) (center + support + 0.5), inSize);
                double[] k = new double[max - min];
                double total = 0;
                for (int j = 0; j < k.length; j++) {
                    k[j] = resampling.weight((j + min - center + 0.5) / filterScale);
                    total += k[j];
                }
                for (int j = 0; j < k.length; j++) {
                    k[j] = total == 0 ? 0 : k[j] / total;
                }
                first[o] = min;
                weights[o] = k;
            }
            return new Filter(first, weights);
        }
    }
}
