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
    void normalisingAFrameEqualsNormalisingItsResizedFrame() {
        java.util.Random random = new java.util.Random(11);
        int[][] cases = {{448, 256, 128, 128, 3}, {640, 480, 224, 224, 2}, {100, 60, 128, 128, 3}, {300, 700, 224, 224, 3}};
        for (int[] c : cases) {
            byte[] rgb = new byte[c[0] * c[1] * 3];
            random.nextBytes(rgb);
            RgbFrame frame = new RgbFrame(c[0], c[1], rgb);
            FramePreprocessor pre = new FramePreprocessor(new ImagePreprocessing(c[3], c[2],
                    Resampling.fromPillowCode(c[4]), 1.0 / 255, new double[] {0.5, 0.5, 0.5}, new double[] {0.5, 0.5, 0.5}));
            RgbFrame resized = pre.resized(frame);
            assertThat(resized.width()).isEqualTo(c[2]);
            assertThat(resized.height()).isEqualTo(c[3]);
            assertThat(pre.toPixels(List.of(frame))).as("%dx%d", c[0], c[1]).isEqualTo(pre.toPixels(List.of(resized)));
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
