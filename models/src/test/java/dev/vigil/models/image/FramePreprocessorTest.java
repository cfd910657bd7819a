package dev.vigil.models.image;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

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

    /** Pillow's separable resize written out sample by sample: the definition the fast loops must equal. */
    private static final class ReferenceResize {
        static byte[] resize(RgbFrame frame, int outW, int outH, Resampling resampling) {
            double[] src = new double[frame.rgb().length];
            for (int i = 0; i < src.length; i++) {
                src[i] = frame.rgb()[i] & 0xff;
            }
            double[] h = pass(src, frame.width(), frame.height(), outW, true, resampling);
            double[] v = pass(h, outW, frame.height(), outH, false, resampling);
            byte[] out = new byte[v.length];
            for (int i = 0; i < v.length; i++) {
                out[i] = (byte) (int) v[i];
            }
            return out;
        }

        private static double[] pass(double[] in, int width, int height, int outLength, boolean alongX,
                                     Resampling resampling) {
            int inLength = alongX ? width : height;
            double scale = (double) inLength / outLength;
            double filterScale = Math.max(scale, 1.0);
            double support = resampling.support() * filterScale;
            int outW = alongX ? outLength : width;
            int outH = alongX ? height : outLength;
            double[] out = new double[outW * outH * 3];
            for (int y = 0; y < outH; y++) {
                for (int x = 0; x < outW; x++) {
                    int o = alongX ? x : y;
                    double center = (o + 0.5) * scale;
                    int min = Math.max((int) (center - support + 0.5), 0);
                    int max = Math.min((int) (center + support + 0.5), inLength);
                    double[] k = new double[max - min];
                    double total = 0;
                    for (int j = 0; j < k.length; j++) {
                        k[j] = resampling.weight((j + min - center + 0.5) / filterScale);
                        total += k[j];
                    }
                    for (int c = 0; c < 3; c++) {
                        double sum = 0;
                        for (int j = 0; j < k.length; j++) {
                            double w = total == 0 ? 0 : k[j] / total;
                            int sx = alongX ? min + j : x;
                            int sy = alongX ? y : min + j;
                            sum += w * in[(sy * width + sx) * 3 + c];
                        }
                        out[(y * outW + x) * 3 + c] = Math.min(255, Math.max(0, Math.floor(sum + 0.5)));
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
