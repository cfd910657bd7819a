package dev.vigil.worker;

import dev.vigil.models.image.RgbFrame;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

import java.nio.ByteBuffer;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_IGNORE_ORIENTATION;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_JPEG_QUALITY;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imdecode;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imencode;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

/**
 * JPEG bytes to RGB frames for the encoder, and the small keyframe thumbnail kept with a clip's tokens.
 *
 * <p>Decodes with OpenCV (libjpeg-turbo), the library ingest encodes with: on this project's 2-core machine a
 * 448×256 frame takes about 0.3 ms against 2.7 ms through {@code javax.imageio}, with the same pixels (both
 * use the IJG integer IDCT and fancy upsampling). EXIF orientation is ignored, as camera frames carry none.
 *
 * <p>Public only so that the JMH suite in {@code bench/} times this exact decode path; the worker is its only
 * production caller.
 */
public final class JpegFrames {
    private static final int THUMBNAIL_QUALITY = 75;

    private JpegFrames() {
    }

    /** Decodes one JPEG into packed RGB, or throws {@link PoisonClipException} saying why it cannot. */
    public static RgbFrame decode(ByteBuffer jpeg, String what) {
        try (Mat image = read(jpeg, what)) {
            return rgb(image);
        }
    }

    /**
     * Decodes one JPEG into an 8-bit BGR image (the caller closes it), or throws {@link PoisonClipException}
     * saying why it cannot.
     */
    static Mat read(ByteBuffer jpeg, String what) {
        ByteBuffer view = jpeg.duplicate();
        int length = view.remaining();
        if (length == 0) {
            throw new PoisonClipException(what + " is not a decodable image (0 bytes)", null);
        }
        Mat image;
        try (BytePointer bytes = new BytePointer(length); Mat encoded = new Mat(1, length, CV_8UC1, bytes)) {
            bytes.asBuffer().put(view);
            image = imdecode(encoded, IMREAD_COLOR | IMREAD_IGNORE_ORIENTATION);
        } catch (RuntimeException e) {
            throw new PoisonClipException(what + " is not a decodable JPEG: " + e.getMessage(), e);
        }
        if (image == null || image.empty() || image.type() != CV_8UC3) {
            if (image != null) {
                image.close();
            }
            throw new PoisonClipException(what + " is not a decodable image (" + length + " bytes)", null);
        }
        return image;
    }

    /** The BGR image as packed 8-bit RGB. */
    static RgbFrame rgb(Mat bgr) {
        int w = bgr.cols();
        int h = bgr.rows();
        byte[] rgb = new byte[w * h * 3];
        Mat packed = bgr.isContinuous() ? bgr : bgr.clone();
        try {
            packed.data().get(rgb);
        } finally {
            if (packed != bgr) {
                packed.close();
            }
        }
        for (int i = 0; i < rgb.length; i += 3) {
            byte b = rgb[i];
            rgb[i] = rgb[i + 2];
            rgb[i + 2] = b;
        }
        return new RgbFrame(w, h, rgb);
    }

    /** A JPEG of the image scaled (area average) so its longest side is at most {@code longest} pixels. */
    static byte[] thumbnail(Mat bgr, int longest) {
        double scale = Math.min(1.0, longest / (double) Math.max(bgr.cols(), bgr.rows()));
        int w = Math.max(1, (int) Math.round(bgr.cols() * scale));
        int h = Math.max(1, (int) Math.round(bgr.rows() * scale));
        try (Mat small = new Mat(); Size size = new Size(w, h); BytePointer out = new BytePointer();
             IntPointer params = new IntPointer(IMWRITE_JPEG_QUALITY, THUMBNAIL_QUALITY)) {
            resize(bgr, small, size, 0, 0, INTER_AREA);
            if (!imencode(".jpg", small, out, params)) {
                throw new IllegalStateException("JPEG encoding of a " + w + "x" + h + " thumbnail failed");
            }
            byte[] bytes = new byte[(int) out.limit()];
            out.get(bytes);
            return bytes;
        }
    }
}
