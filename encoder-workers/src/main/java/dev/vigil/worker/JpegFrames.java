package dev.vigil.worker;

import dev.vigil.models.image.RgbFrame;

import javax.imageio.ImageIO;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;

/**
 * JPEG bytes to RGB frames for the encoder, and the small keyframe thumbnail kept with a clip's tokens.
 *
 * <p>Public only so that the JMH suite in {@code bench/} times this exact decode path; the worker is its only
 * production caller.
 */
public final class JpegFrames {
    private JpegFrames() {
    }

    /** Decodes one JPEG into packed RGB, or throws {@link PoisonClipException} saying why it cannot. */
    public static RgbFrame decode(ByteBuffer jpeg, String what) {
        BufferedImage image = read(jpeg, what);
        int w = image.getWidth();
        int h = image.getHeight();
        int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
        byte[] rgb = new byte[w * h * 3];
        for (int i = 0, o = 0; i < argb.length; i++) {
            int p = argb[i];
            rgb[o++] = (byte) (p >> 16);
            rgb[o++] = (byte) (p >> 8);
            rgb[o++] = (byte) p;
        }
        return new RgbFrame(w, h, rgb);
    }

    /** A JPEG of the frame scaled so its longest side is {@code longest} pixels. */
    static byte[] thumbnail(ByteBuffer jpeg, int longest, String what) {
        BufferedImage image = read(jpeg, what);
        double scale = Math.min(1.0, longest / (double) Math.max(image.getWidth(), image.getHeight()));
        int w = Math.max(1, (int) Math.round(image.getWidth() * scale));
        int h = Math.max(1, (int) Math.round(image.getHeight() * scale));
        BufferedImage small = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = small.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(image, 0, 0, w, h, null);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        try {
            ImageIO.write(small, "jpg", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static BufferedImage read(ByteBuffer jpeg, String what) {
        ByteBuffer view = jpeg.duplicate();
        byte[] bytes = new byte[view.remaining()];
        view.get(bytes);
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
            if (image == null) {
                throw new PoisonClipException(what + " is not a decodable image (" + bytes.length + " bytes)", null);
            }
            return image;
        } catch (IOException | RuntimeException e) {
            if (e instanceof PoisonClipException p) {
                throw p;
            }
            throw new PoisonClipException(what + " is not a decodable JPEG: " + e.getMessage(), e);
        }
    }
}
