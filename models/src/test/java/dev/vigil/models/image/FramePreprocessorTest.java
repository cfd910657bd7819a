package dev.vigil.models.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class FramePreprocessorTest {

    private static RgbFrame frame(int w, int h, java.util.function.IntBinaryOperator value) {
        byte[] rgb = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int c = 0; c < 3; c++) {
                    rgb[(y * w + x) * 3 + c] = (byte) value.applyAsInt(x, y);
                }
            }
        }
        return new RgbFrame(w, h, rgb);
    }

    @Test
    void sameSizeFramesAreOnlyRescaledAndNormalisedChannelFirst() {
        FramePreprocessor pre = new FramePreprocessor(ImagePreprocessing.siglipDefaults(2));
        byte[] rgb = {0, (byte) 255, 0, /**/ (byte) 255, 0, 0, /**/ 0, 0, (byte) 255, /**/ 51, 102, (byte) 204};
        float[] px = pre.toPixels(List.of(new RgbFrame(2, 2, rgb)));
        // [3, 2, 2]: red plane, green plane, blue plane; (v/255 - 0.5)/0.5
        assertThat(px).hasSize(12);
        assertThat(px[0]).isEqualTo(-1f);            // red of pixel (0,0)
        assertThat(px[1]).isEqualTo(1f);             // red of pixel (1,0)
        assertThat(px[4]).isEqualTo(1f);             // green of pixel (0,0)
        assertThat(px[11]).isCloseTo(0.6f, within(1e-6f)); // blue of pixel (1,1): 204/255*2-1
    }

    @Test
    void bilinearDownscaleAveragesLikePillow() {
        ImagePreprocessing spec = new ImagePreprocessing(1, 4, Resampling.BILINEAR, 1.0, new double[] {0, 0, 0},
                new double[] {1, 1, 1});
        float[] px = new FramePreprocessor(spec).toPixels(List.of(frame(8, 1, (x, y) -> 10 * x)));
        // taps widen to 4 source pixels with weights 1/8, 3/8, 3/8, 1/8 (clipped and renormalised at the borders)
        assertThat(px).startsWith(7f, 25f, 45f, 63f);
    }

    @Test
    void constantFramesStayConstantUnderBicubicResize() {
        FramePreprocessor pre = new FramePreprocessor(ImagePreprocessing.siglipDefaults(8));
        float[] px = pre.toPixels(List.of(frame(37, 23, (x, y) -> 153)));
        for (float v : px) {
            assertThat(v).isCloseTo(153f / 255f * 2f - 1f, within(1e-6f));
        }
    }

    @Test
    void resizeMatchesTheStraightforwardPerSampleDefinitionExactly() {
        java.util.Random random = new java.util.Random(11);
        int[][] cases = {{448, 256, 128, 128, 3}, {640, 480, 224, 224, 2}, {100, 60, 128, 128, 3}, {300, 700, 224, 224, 3}};
        for (int[] c : cases) {
            byte[] rgb = new byte[c[0] * c[1] * 3];
            random.nextBytes(rgb);
            for (int i = 0; i < rgb.length / 2; i++) {
                rgb[i] = (byte) ((i / 3) % 256); // smooth half: sums that do not clamp
            }
            RgbFrame frame = new RgbFrame(c[0], c[1], rgb);
            ImagePreprocessing spec = new ImagePreprocessing(c[3], c[2], Resampling.fromPillowCode(c[4]), 1.0,
                    new double[] {0, 0, 0}, new double[] {1, 1, 1});
            RgbFrame resized = new FramePreprocessor(spec).resized(frame);
            assertThat(resized.rgb()).as("%dx%d -> %dx%d", c[0], c[1], c[2], c[3])
                    .isEqualTo(ReferenceResize.resize(frame, c[2], c[3], spec.resampling()));
            assertThat(new FramePreprocessor(spec).toPixels(List.of(frame)))
                    .isEqualTo(new FramePreprocessor(spec).toPixels(List.of(resized)));
        }
    }

    /**
     * Real Pillow's bytes (fixture from {@code tools/reference/make_pillow_resize_reference.py}): Hugging Face's
     * image processors resize with Pillow, so vigil's resize must give the same image, pixel for pixel.
     */
    @Test
    void resizeGivesPillowsBytes() throws Exception {
        JsonNode index;
        try (InputStream in = getClass().getResourceAsStream("/reference/pillow_resize.json")) {
            index = new ObjectMapper().readTree(in);
        }
        assertThat(index.get("cases")).hasSizeGreaterThanOrEqualTo(5);
        for (JsonNode c : index.get("cases")) {
            int inW = c.get("inWidth").asInt();
            int inH = c.get("inHeight").asInt();
            int outW = c.get("outWidth").asInt();
            int outH = c.get("outHeight").asInt();
            byte[] rgb = new byte[inW * inH * 3];
            for (int y = 0; y < inH; y++) {
                for (int x = 0; x < inW; x++) {
                    for (int ch = 0; ch < 3; ch++) {
                        rgb[(y * inW + x) * 3 + ch] = (byte) pillowFixturePixel(x, y, ch, inW);
                    }
                }
            }
            byte[] expected;
            try (InputStream in = getClass().getResourceAsStream("/reference/" + c.get("file").asText())) {
                expected = in.readAllBytes();
            }
            ImagePreprocessing spec = new ImagePreprocessing(outH, outW,
                    Resampling.fromPillowCode(c.get("resample").asInt()), 1.0, new double[] {0, 0, 0},
                    new double[] {1, 1, 1});
            byte[] actual = new FramePreprocessor(spec).resized(new RgbFrame(inW, inH, rgb)).rgb();
            int differing = 0;
            for (int i = 0; i < expected.length; i++) {
                differing += actual[i] == expected[i] ? 0 : 1;
            }
            assertThat(differing).as("%s: samples differing from Pillow's", c.get("file").asText()).isZero();
            assertThat(actual).isEqualTo(expected);
        }
    }

    /** The fixture's input image, as {@code pattern} in the script that made it. */
    private static int pillowFixturePixel(int x, int y, int c, int width) {
        if (x < width / 2) {
            return (x * 3 + y * 2 + c * 40) & 0xFF;
        }
        return (x * x * 7 + y * 13 + c * 50 + ((x * y) % 37) * 5) & 0xFF;
    }

    /**
     * Pillow's 8-bit separable resize (Resample.c) written out sample by sample, in long arithmetic: the
     * definition the fast loops must equal on any input.
     */
    private static final class ReferenceResize {
        private static final int PRECISION_BITS = 22;

        static byte[] resize(RgbFrame frame, int outW, int outH, Resampling resampling) {
            int[] src = new int[frame.rgb().length];
            for (int i = 0; i < src.length; i++) {
                src[i] = frame.rgb()[i] & 0xff;
            }
            int[] h = pass(src, frame.width(), frame.height(), outW, true, resampling);
            int[] v = pass(h, outW, frame.height(), outH, false, resampling);
            byte[] out = new byte[v.length];
            for (int i = 0; i < v.length; i++) {
                out[i] = (byte) v[i];
            }
            return out;
        }

        private static int[] pass(int[] in, int width, int height, int outLength, boolean alongX,
                                  Resampling resampling) {
            int inLength = alongX ? width : height;
            double scale = (double) inLength / outLength;
            double filterScale = Math.max(scale, 1.0);
            double support = resampling.support() * filterScale;
            int outW = alongX ? outLength : width;
            int outH = alongX ? height : outLength;
            int[] out = new int[outW * outH * 3];
            for (int y = 0; y < outH; y++) {
                for (int x = 0; x < outW; x++) {
                    int o = alongX ? x : y;
                    double center = (o + 0.5) * scale;
                    int min = Math.max((int) (center - support + 0.5), 0);
                    int max = Math.min((int) (center + support + 0.5), inLength);
                    double[] k = new double[max - min];
                    double total = 0;
                    for (int j = 0; j < k.length; j++) {
                        k[j] = resampling.weight((j + min - center + 0.5) * (1.0 / filterScale));
                        total += k[j];
                    }
                    for (int c = 0; c < 3; c++) {
                        long sum = 1L << (PRECISION_BITS - 1);
                        for (int j = 0; j < k.length; j++) {
                            double w = total == 0 ? 0 : k[j] / total;
                            long fixed = (long) (w < 0 ? -0.5 + w * (1 << PRECISION_BITS)
                                    : 0.5 + w * (1 << PRECISION_BITS));
                            int sx = alongX ? min + j : x;
                            int sy = alongX ? y : min + j;
                            sum += fixed * in[(sy * width + sx) * 3 + c];
                        }
                        out[(y * outW + x) * 3 + c] = (int) Math.min(255, Math.max(0, sum >> PRECISION_BITS));
                    }
                }
            }
            return out;
        }
    }

    @Test
    void readsHuggingFacePreprocessorConfig() throws Exception {
        ImagePreprocessing p = ImagePreprocessing.fromHuggingFace(new ObjectMapper().readTree("""
                {"do_normalize": true, "do_rescale": true, "do_resize": true,
                 "image_mean": [0.5, 0.5, 0.5], "image_std": [0.5, 0.5, 0.5], "resample": 3,
                 "rescale_factor": 0.00392156862745098, "size": {"height": 224, "width": 224}}
                """), 224);
        assertThat(p).isEqualTo(ImagePreprocessing.siglipDefaults(224));
        assertThatThrownBy(() -> ImagePreprocessing.fromHuggingFace(
                new ObjectMapper().readTree("{\"resample\": 0}"), 224)).hasMessageContaining("resample code 0");
    }
}
