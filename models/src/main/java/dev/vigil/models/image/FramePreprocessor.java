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
     * of frames at model size (49 KB each at 128×128 instead of 344 KB at 448×256).
     */
    public RgbFrame resized(RgbFrame frame) {
        double[] values = resize(frame, spec.width(), spec.height());
        byte[] rgb = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            rgb[i] = (byte) (int) values[i];
        }
        return new RgbFrame(spec.width(), spec.height(), rgb);
    }

    private void writeFrame(RgbFrame frame, float[] out, int offset) {
        int h = spec.height();
        int w = spec.width();
        // interleaved 8-bit samples after resize, as doubles holding integral values 0..255
        double[] resized = resize(frame, w, h);
        for (int c = 0; c < 3; c++) {
            double scale = spec.rescaleFactor() / spec.std()[c];
            double shift = spec.mean()[c] / spec.std()[c];
            int plane = offset + c * h * w;
            for (int i = 0; i < h * w; i++) {
                out[plane + i] = (float) (resized[i * 3 + c] * scale - shift);
            }
        }
    }

    private double[] resize(RgbFrame frame, int outW, int outH) {
        int inW = frame.width();
        int inH = frame.height();
        double[] src = new double[inW * inH * 3];
        byte[] rgb = frame.rgb();
        for (int i = 0; i < src.length; i++) {
            src[i] = rgb[i] & 0xff;
        }
        double[] horizontal = inW == outW ? src : pass(src, inW, inH, outW, true);
        return inH == outH ? horizontal : pass(horizontal, outW, inH, outH, false);
    }

    /** One separable pass along x ({@code alongX}) or y; {@code n} is the input length along that axis. */
    private double[] pass(double[] in, int width, int height, int outLength, boolean alongX) {
        int inLength = alongX ? width : height;
        Filter filter = Filter.of(spec.resampling(), inLength, outLength);
        int outW = alongX ? outLength : width;
        int outH = alongX ? height : outLength;
        double[] out = new double[outW * outH * 3];
        for (int y = 0; y < outH; y++) {
            for (int x = 0; x < outW; x++) {
                int o = alongX ? x : y;
                int first = filter.first[o];
                double[] k = filter.weights[o];
                for (int c = 0; c < 3; c++) {
                    double sum = 0;
                    for (int j = 0; j < k.length; j++) {
                        int sx = alongX ? first + j : x;
                        int sy = alongX ? y : first + j;
                        sum += k[j] * in[(sy * width + sx) * 3 + c];
                    }
                    out[(y * outW + x) * 3 + c] = Math.min(255, Math.max(0, Math.floor(sum + 0.5)));
                }
            }
        }
        return out;
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
