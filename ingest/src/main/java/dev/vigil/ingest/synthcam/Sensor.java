package dev.vigil.ingest.synthcam;

import java.util.SplittableRandom;

/**
 * The camera's sensor: turns the drawn RGB scene into the BGR bytes a real camera would deliver, with a
 * slow lighting drift (a few percent over minutes, like clouds or a dimmer) and per-pixel noise.
 *
 * <p>Noise comes from a table filled once from the seed and read at a seeded offset per frame: per-pixel
 * random numbers would cost more than all the drawing, and a table read is exactly reproducible. Gains
 * and clamping go through small lookup tables so the per-pixel work is a few array reads.
 */
final class Sensor {

    private static final int NOISE_SPAN = 1 << 18;
    private static final int CLAMP_PAD = 32;

    private final int pixels;
    private final byte[] noise;
    private final byte[] clamp = new byte[256 + 2 * CLAMP_PAD];
    private final int[] gain = new int[256];
    private final SplittableRandom offsets;
    private final double fps;
    private final double driftPhase;

    Sensor(int width, int height, double fps, long seed) {
        this.pixels = width * height;
        this.fps = fps;
        SplittableRandom r = new SplittableRandom(seed * 0xD6E8FEB86659FD93L + 3);
        this.noise = new byte[NOISE_SPAN + pixels * 3];
        for (int i = 0; i < noise.length; i++) {
            // Sum of two uniforms: a soft, roughly bell-shaped spread of about ±6 levels.
            noise[i] = (byte) (r.nextInt(7) + r.nextInt(7) - 6);
        }
        for (int i = 0; i < clamp.length; i++) {
            clamp[i] = (byte) Math.max(0, Math.min(255, i - CLAMP_PAD));
        }
        this.offsets = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + 4);
        this.driftPhase = r.nextDouble() * 2 * Math.PI;
    }

    /** Exposes frame {@code frame}: reads {@code rgb}, writes packed BGR into {@code bgr}. Call for 0, 1, 2, ... */
    void expose(int[] rgb, byte[] bgr, long frame) {
        double seconds = frame / fps;
        double g = 1.0 + 0.08 * Math.sin(2 * Math.PI * seconds / 300.0 + driftPhase)
                + 0.03 * Math.sin(2 * Math.PI * seconds / 47.0);
        for (int v = 0; v < 256; v++) {
            gain[v] = Math.min(255 + CLAMP_PAD - 8, (int) Math.round(v * g)) + CLAMP_PAD;
        }
        int o = offsets.nextInt(NOISE_SPAN);
        final byte[] n = noise;
        final byte[] c = clamp;
        final int[] gn = gain;
        for (int i = 0, j = 0; i < pixels; i++, j += 3) {
            int p = rgb[i];
            bgr[j] = c[gn[p & 0xff] + n[o + j]];
            bgr[j + 1] = c[gn[(p >> 8) & 0xff] + n[o + j + 1]];
            bgr[j + 2] = c[gn[(p >> 16) & 0xff] + n[o + j + 2]];
        }
    }
}
