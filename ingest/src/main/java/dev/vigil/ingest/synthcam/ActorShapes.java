package dev.vigil.ingest.synthcam;

/**
 * Draws each kind with its own silhouette, feet (or wheels) standing on the actor's (x, y). Sizes are in
 * pixels at scale 1, i.e. for a 256-pixel-high frame: people ~104 px tall, cars 150 px long, so that at
 * 448×256 every kind stays large enough to recognise after sampling and JPEG.
 */
final class ActorShapes {

    private static final int SKIN = 0xE6BE96;
    private static final int TYRE = 0x1E1E1E;
    private static final int HUB = 0x969696;
    private static final int GLASS = 0xB4C8DC;

    private ActorShapes() {
    }

    static double width(ActorKind kind) {
        return switch (kind) {
            case PERSON -> 34;
            case CAR -> 152;
            case BICYCLE -> 92;
            case DOG -> 84;
            case BOX -> 44;
        };
    }

    static double height(ActorKind kind) {
        return switch (kind) {
            case PERSON -> 104;
            case CAR -> 62;
            case BICYCLE -> 54;
            case DOG -> 50;
            case BOX -> 44;
        };
    }

    static void paint(Canvas c, Actor a) {
        if (a.hidden) {
            return;
        }
        double s = a.scale;
        double x = a.x;
        double y = a.y;
        int f = a.facing;
        int rgb = a.colour.rgb();
        double phase = a.travelled / (10 * s);
        switch (a.kind) {
            case PERSON -> person(c, x, y, s, rgb, phase);
            case CAR -> car(c, x, y, s, f, rgb);
            case BICYCLE -> bicycle(c, x, y, s, f, rgb);
            case DOG -> dog(c, x, y, s, f, rgb, phase);
            case BOX -> box(c, x, y, s, rgb);
        }
    }

    private static void person(Canvas c, double x, double y, double s, int rgb, double phase) {
        double hip = y - 42 * s;
        double swing = Math.sin(phase) * 9 * s;
        int legs = Canvas.shade(rgb, 0.8);
        c.line(x - 5 * s, hip, x - 5 * s + swing, y - 3 * s, 9 * s, legs);
        c.line(x + 5 * s, hip, x + 5 * s - swing, y - 3 * s, 9 * s, legs);
        c.fillRect(x - 14 * s, y - 84 * s, x + 14 * s, hip + 2 * s, rgb);
        c.line(x - 15 * s, y - 80 * s, x - 15 * s - swing * 0.6, y - 50 * s, 6 * s, rgb);
        c.line(x + 15 * s, y - 80 * s, x + 15 * s + swing * 0.6, y - 50 * s, 6 * s, rgb);
        c.fillRect(x - 4 * s, y - 88 * s, x + 4 * s, y - 83 * s, SKIN);
        c.fillEllipse(x, y - 95 * s, 9.5 * s, 10 * s, SKIN);
    }

    private static void car(Canvas c, double x, double y, double s, int f, int rgb) {
        c.fillRect(x - 76 * s, y - 40 * s, x + 76 * s, y - 12 * s, rgb);
        double cab = x - f * 8 * s;
        c.fillRect(cab - 42 * s, y - 62 * s, cab + 42 * s, y - 39 * s, rgb);
        c.fillRect(cab - 37 * s, y - 58 * s, cab - 3 * s, y - 41 * s, GLASS);
        c.fillRect(cab + 3 * s, y - 58 * s, cab + 37 * s, y - 41 * s, GLASS);
        c.fillRect(x + f * 70 * s - 4 * s, y - 36 * s, x + f * 70 * s + 4 * s, y - 30 * s, 0xFFF0A0);
        c.fillRect(x - f * 72 * s - 3 * s, y - 36 * s, x - f * 72 * s + 3 * s, y - 30 * s, 0xB40000);
        for (double wx : new double[] {x - 48 * s, x + 48 * s}) {
            c.fillEllipse(wx, y - 13 * s, 13 * s, 13 * s, TYRE);
            c.fillEllipse(wx, y - 13 * s, 5 * s, 5 * s, HUB);
        }
    }

    private static void bicycle(Canvas c, double x, double y, double s, int f, int rgb) {
        double rear = x - f * 28 * s;
        double front = x + f * 28 * s;
        double hubY = y - 17 * s;
        c.fillRing(rear, hubY, 17 * s, 12 * s, rgb);
        c.fillRing(front, hubY, 17 * s, 12 * s, rgb);
        c.fillEllipse(rear, hubY, 3 * s, 3 * s, TYRE);
        c.fillEllipse(front, hubY, 3 * s, 3 * s, TYRE);
        double crankX = x - f * 3 * s;
        double seatX = x - f * 10 * s;
        double seatY = y - 44 * s;
        double headX = x + f * 20 * s;
        double headY = y - 46 * s;
        double t = 4.5 * s;
        c.line(rear, hubY, crankX, hubY, t, rgb);
        c.line(crankX, hubY, seatX, seatY, t, rgb);
        c.line(seatX, seatY, rear, hubY, t, rgb);
        c.line(crankX, hubY, headX, headY, t, rgb);
        c.line(seatX, seatY, headX, headY, t, rgb);
        c.line(headX, headY, front, hubY, t, rgb);
        c.line(headX, headY, headX - f * 4 * s, headY - 8 * s, 3 * s, TYRE);
        c.fillRect(seatX - 7 * s, seatY - 5 * s, seatX + 7 * s, seatY - 1 * s, TYRE);
    }

    private static void dog(Canvas c, double x, double y, double s, int f, int rgb, double phase) {
        double swing = Math.sin(phase * 1.6) * 5 * s;
        for (double lx : new double[] {-19, -11, 11, 19}) {
            double sw = (lx < 0 ? swing : -swing);
            c.line(x + lx * s, y - 24 * s, x + lx * s + sw, y - 2 * s, 5.5 * s, rgb);
        }
        c.fillEllipse(x, y - 28 * s, 29 * s, 11 * s, rgb);
        c.line(x + f * 22 * s, y - 30 * s, x + f * 30 * s, y - 38 * s, 9 * s, rgb);
        c.fillEllipse(x + f * 32 * s, y - 40 * s, 10 * s, 9 * s, rgb);
        c.fillEllipse(x + f * 40 * s, y - 37 * s, 6 * s, 4.5 * s, rgb);
        c.fillEllipse(x + f * 28 * s, y - 48 * s, 3.5 * s, 5 * s, Canvas.shade(rgb, 0.6));
        c.line(x - f * 27 * s, y - 31 * s, x - f * 38 * s, y - 43 * s, 4 * s, rgb);
    }

    private static void box(Canvas c, double x, double y, double s, int rgb) {
        int edge = rgb == 0 ? 0x505050 : Canvas.shade(rgb, 0.55);
        c.fillRect(x - 22 * s, y - 44 * s, x + 22 * s, y, edge);
        c.fillRect(x - 19.5 * s, y - 41.5 * s, x + 19.5 * s, y - 2.5 * s, rgb);
        c.fillRect(x - 3 * s, y - 41.5 * s, x + 3 * s, y - 2.5 * s, Canvas.shade(rgb, 0.8));
    }
}
