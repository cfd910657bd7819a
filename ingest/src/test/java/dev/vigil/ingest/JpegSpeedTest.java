package dev.vigil.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Clock;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;

import dev.vigil.ingest.synthcam.SynthcamSource;
import dev.vigil.ingest.synthcam.SynthcamSpec;

/**
 * The measurement behind {@link FrameEncoder}'s choice of OpenCV over javax.imageio: both encode the
 * same 448×256 synthcam frame at quality 85. Also checks that what OpenCV writes is a JPEG that Java
 * itself reads back at the right size.
 */
class JpegSpeedTest {

    @Test
    void measuresOpenCvAgainstImageIoAndWritesValidJpeg() throws Exception {
        try (SynthcamSource cam = new SynthcamSource("c", SynthcamSpec.parse("synthcam://9?pace=fast&density=20"),
                e -> { }, Clock.systemUTC());
             FrameEncoder encoder = FrameEncoder.standard();
             Mat bgr = new Mat()) {
            FramePicture picture = cam.read().orElseThrow().picture();
            picture.scaleInto(bgr, 448, 256);
            BufferedImage image = new BufferedImage(448, 256, BufferedImage.TYPE_3BYTE_BGR);
            bgr.data().get(((DataBufferByte) image.getRaster().getDataBuffer()).getData());

            int n = 150;
            for (int i = 0; i < 30; i++) { // warm-up
                encoder.encode(picture);
                imageIo(image);
            }
            long t0 = System.nanoTime();
            EncodedImage last = null;
            for (int i = 0; i < n; i++) {
                last = encoder.encode(picture);
            }
            double openCvMs = (System.nanoTime() - t0) / 1e6 / n;
            t0 = System.nanoTime();
            byte[] viaImageIo = null;
            for (int i = 0; i < n; i++) {
                viaImageIo = imageIo(image);
            }
            double imageIoMs = (System.nanoTime() - t0) / 1e6 / n;
            System.out.printf("JPEG q85 448x256: OpenCV %.2f ms/frame (incl. thumbnail, %d B), ImageIO %.2f ms/frame (%d B)%n",
                    openCvMs, last.jpeg().length, imageIoMs, viaImageIo.length);

            BufferedImage back = ImageIO.read(new ByteArrayInputStream(last.jpeg()));
            assertThat(back.getWidth()).isEqualTo(448);
            assertThat(back.getHeight()).isEqualTo(256);
            BufferedImage thumb = ImageIO.read(new ByteArrayInputStream(last.thumbnail()));
            assertThat(thumb.getWidth()).isEqualTo(160);
            // No assertion on the two times: on a shared 2-core machine the ratio is a measurement to
            // print, not a property to fail a build on.
        }
    }

    private static byte[] imageIo(BufferedImage image) throws Exception {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            ImageWriteParam p = writer.getDefaultWriteParam();
            p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            p.setCompressionQuality(0.85f);
            writer.write(null, new IIOImage(image, null, null), p);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }
}
