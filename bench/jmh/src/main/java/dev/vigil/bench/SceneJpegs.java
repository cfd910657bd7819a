package dev.vigil.bench;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Test frames for the decode and serde benchmarks: 448×256 street-like pictures in synthcam's manner (sky
 * gradient, wall with windows and a door, road, a few coloured actors, ±6 levels of sensor noise), JPEG quality
 * 85 as ingest writes them. Drawn here with Java2D rather than by synthcam itself, whose module brings
 * javacv's natives for every platform into the benchmarks jar; what decode speed depends on — size, quality,
 * noise — is the same.
 */
final class SceneJpegs {
    static final int WIDTH = 448;
    static final int HEIGHT = 256;

    private SceneJpegs() {
    }

    /** {@code count} distinct frames, the same on every run. */
    static List<byte[]> frames(int count) {
        Random random = new Random(7);
        List<byte[]> jpegs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            jpegs.add(jpeg(draw(random, i)));
        }
        return jpegs;
    }

    private static BufferedImage draw(Random random, int index) {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setPaint(new GradientPaint(0, 0, new Color(110, 160, 230), 0, 60, new Color(190, 215, 240)));
        g.fillRect(0, 0, WIDTH, 60);
        g.setColor(new Color(170, 150, 130));
        g.fillRect(0, 60, WIDTH, 110);
        g.setColor(new Color(60, 70, 90));
        for (int x = 20; x < WIDTH; x += 70) {
            g.fillRect(x, 75, 40, 30);
        }
        g.setColor(new Color(90, 60, 40));
        g.fillRect(300, 100, 40, 70);
        g.setColor(new Color(120, 120, 120));
        g.fillRect(0, 170, WIDTH, 30);
        g.setColor(new Color(60, 60, 65));
        g.fillRect(0, 200, WIDTH, HEIGHT - 200);
        Color[] actors = {Color.RED, new Color(0, 200, 0), Color.BLUE, Color.YELLOW, Color.WHITE, Color.BLACK};
        for (int a = 0; a < 3; a++) {
            int x = (index * 17 + a * 150 + random.nextInt(40)) % (WIDTH - 80);
            g.setColor(actors[(index + a) % actors.length]);
            g.fillRoundRect(x, 150 + random.nextInt(40), 60 + random.nextInt(60), 30 + random.nextInt(30), 10, 10);
        }
        g.dispose();
        for (int y = 0; y < HEIGHT; y++) {
            for (int x = 0; x < WIDTH; x++) {
                int rgb = image.getRGB(x, y);
                int r = clamp(((rgb >> 16) & 0xff) + random.nextInt(13) - 6);
                int gr = clamp(((rgb >> 8) & 0xff) + random.nextInt(13) - 6);
                int b = clamp((rgb & 0xff) + random.nextInt(13) - 6);
                image.setRGB(x, y, (r << 16) | (gr << 8) | b);
            }
        }
        return image;
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }

    private static byte[] jpeg(BufferedImage image) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(0.85f);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
