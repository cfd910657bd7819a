package dev.vigil.worker;

import dev.vigil.models.image.RgbFrame;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JpegFramesTest {

    @Test
    void decodesToTheSamePixelsAsImageIo() throws IOException {
        byte[] jpeg = jpegOf(scene(448, 256));
        RgbFrame frame = JpegFrames.decode(ByteBuffer.wrap(jpeg), "test frame");

        BufferedImage reference = ImageIO.read(new ByteArrayInputStream(jpeg));
        assertThat(frame.width()).isEqualTo(448);
        assertThat(frame.height()).isEqualTo(256);
        int maxDifference = 0;
        for (int y = 0; y < 256; y++) {
            for (int x = 0; x < 448; x++) {
                int p = reference.getRGB(x, y);
                int i = (y * 448 + x) * 3;
                maxDifference = Math.max(maxDifference, Math.abs(((p >> 16) & 0xff) - (frame.rgb()[i] & 0xff)));
                maxDifference = Math.max(maxDifference, Math.abs(((p >> 8) & 0xff) - (frame.rgb()[i + 1] & 0xff)));
                maxDifference = Math.max(maxDifference, Math.abs((p & 0xff) - (frame.rgb()[i + 2] & 0xff)));
            }
        }
        assertThat(maxDifference).as("largest 8-bit difference to javax.imageio's decode").isLessThanOrEqualTo(1);
    }

    @Test
    void channelsComeOutInRgbOrder() throws IOException {
        BufferedImage red = new BufferedImage(32, 16, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 32; x++) {
                red.setRGB(x, y, 0xE01010);
            }
        }
        RgbFrame frame = JpegFrames.decode(ByteBuffer.wrap(jpegOf(red)), "red frame");
        assertThat(frame.rgb()[0] & 0xff).isGreaterThan(200);
        assertThat(frame.rgb()[2] & 0xff).isLessThan(40);
    }

    @Test
    void bytesThatAreNoImageArePoison() {
        assertThatThrownBy(() -> JpegFrames.decode(ByteBuffer.wrap(new byte[] {1, 2, 3, 4}), "frame 9 of clip c#2"))
                .isInstanceOf(PoisonClipException.class).hasMessageContaining("frame 9 of clip c#2")
                .hasMessageContaining("not a decodable");
        assertThatThrownBy(() -> JpegFrames.decode(ByteBuffer.allocate(0), "empty frame"))
                .isInstanceOf(PoisonClipException.class).hasMessageContaining("0 bytes");
    }

    @Test
    void thumbnailFitsTheLongestSideAndKeepsTheAspect() throws IOException {
        try (Mat image = JpegFrames.read(ByteBuffer.wrap(jpegOf(scene(448, 256))), "test frame")) {
            BufferedImage thumbnail = ImageIO.read(new ByteArrayInputStream(JpegFrames.thumbnail(image, 160)));
            assertThat(thumbnail.getWidth()).isEqualTo(160);
            assertThat(thumbnail.getHeight()).isEqualTo(91);
        }
    }

    private static BufferedImage scene(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(3);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int r = x * 255 / width;
                int g = y * 255 / height;
                int b = (x + y + random.nextInt(40)) & 0xff;
                image.setRGB(x, y, (r << 16) | (g << 8) | b);
            }
        }
        return image;
    }

    private static byte[] jpegOf(BufferedImage image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "jpg", out);
        return out.toByteArray();
    }
}
