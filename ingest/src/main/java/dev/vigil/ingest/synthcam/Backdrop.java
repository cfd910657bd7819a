package dev.vigil.ingest.synthcam;

import java.util.SplittableRandom;

/**
 * The fixed part of the scene, drawn once per run: sky or ceiling, wall, door, ground. Small details
 * (window positions, wall tint) vary with the seed so different cameras look different. The door is
 * drawn per frame on top, open or closed.
 */
final class Backdrop {

    final int width;
    final int height;
    /** Bottom of the wall, where the ground starts. */
    final int horizon;
    /** The door's rectangle. */
    final Box door;
    private final int[] pixels;

    Backdrop(SceneKind scene, int width, int height, SplittableRandom random) {
        this.width = width;
        this.height = height;
        this.horizon = (int) Math.round(height * 0.62);
        Canvas c = new Canvas(width, height);
        double s = height / 256.0;
        int doorW = (int) Math.round(44 * s);
        int doorH = (int) Math.round(92 * s);
        int doorX = (int) Math.round(width * (0.55 + 0.2 * random.nextDouble()));
        this.door = new Box(doorX, horizon - doorH, doorW, doorH);
        if (scene == SceneKind.OUTDOOR) {
            int skyBottom = (int) Math.round(height * 0.30);
            for (int y = 0; y < skyBottom; y++) {
                double t = (double) y / skyBottom;
                int rgb = mix(0x78B4E6, 0xC8E1F5, t);
                c.fillRect(0, y, width, y + 1, rgb);
            }
            // Buildings behind, then the wall with the door.
            c.fillRect(0, skyBottom, width, horizon, 0x8C8278);
            int wallTint = 0x9C8A74 + random.nextInt(0x10) * 0x010101;
            c.fillRect(0, (int) (height * 0.12), width, horizon, wallTint);
            for (int i = 0; i < 5; i++) {
                double wx = width * (0.04 + 0.19 * i) + random.nextInt(8);
                if (wx + 40 * s > doorX - 8 && wx < doorX + doorW + 8) {
                    continue;
                }
                c.fillRect(wx, height * 0.20, wx + 34 * s, height * 0.20 + 30 * s, 0x3C4B5A);
            }
            c.fillRect(0, horizon, width, horizon + height * 0.10, 0xA0A096); // pavement
            c.fillRect(0, horizon + height * 0.10, width, height, 0x5F5F5F); // road
            for (int x = 0; x < width; x += (int) (60 * s)) {
                c.fillRect(x, height * 0.90, x + 30 * s, height * 0.90 + 3 * s, 0xC8C8BE);
            }
        } else {
            c.fillRect(0, 0, width, height * 0.14, 0xD2D2CD);
            for (int x = (int) (width * 0.15); x < width; x += (int) (width * 0.3)) {
                c.fillRect(x, height * 0.05, x + 50 * s, height * 0.08, 0xF5F5E6); // lamps
            }
            int wallTint = 0xAFA08C + random.nextInt(0x10) * 0x010101;
            c.fillRect(0, height * 0.14, width, horizon, wallTint);
            c.fillRect(0, horizon - 6 * s, width, horizon, 0x786450); // skirting
            c.fillRect(0, horizon, width, height, 0x7D6046);
            for (int y = horizon + (int) (12 * s); y < height; y += (int) (18 * s)) {
                c.fillRect(0, y, width, y + 1, 0x6E533C); // floor boards
            }
        }
        c.fillRect(doorX - 4 * s, door.y() - 4 * s, doorX + doorW + 4 * s, horizon, 0x50463C); // frame
        this.pixels = c.pixels;
    }

    /** Copies the backdrop into {@code canvas} and draws the door open or closed. */
    void paint(Canvas canvas, boolean doorOpen) {
        System.arraycopy(pixels, 0, canvas.pixels, 0, pixels.length);
        if (doorOpen) {
            canvas.fillRect(door.x(), door.y(), door.x() + door.w(), door.y() + door.h(), 0x141414);
            canvas.fillRect(door.x(), door.y(), door.x() + door.w() * 0.25, door.y() + door.h(), 0x6E4628);
        } else {
            canvas.fillRect(door.x(), door.y(), door.x() + door.w(), door.y() + door.h(), 0x6E4628);
            double k = door.h() / 92.0;
            canvas.fillEllipse(door.x() + door.w() * 0.8, door.y() + door.h() * 0.55, 3 * k, 3 * k, 0xDCC864);
        }
    }

    private static int mix(int a, int b, double t) {
        int r = (int) Math.round(((a >> 16) & 0xff) * (1 - t) + ((b >> 16) & 0xff) * t);
        int g = (int) Math.round(((a >> 8) & 0xff) * (1 - t) + ((b >> 8) & 0xff) * t);
        int bl = (int) Math.round((a & 0xff) * (1 - t) + (b & 0xff) * t);
        return (r << 16) | (g << 8) | bl;
    }
}
