package dev.vigil.models.pooling;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * STORM spatial pooling: average pooling of each frame's token grid over non-overlapping
 * {@code factor × factor} windows (2×2: a 16×16 grid of 256 tokens becomes 8×8 = 64). Tokens are in raster
 * order before and after.
 *
 * @param gridHeight tokens per column of the grid
 * @param gridWidth  tokens per row of the grid
 * @param factor     window side; must divide both grid sides
 */
public record SpatialAveragePooling(int gridHeight, int gridWidth, int factor) {

    public SpatialAveragePooling {
        if (gridHeight <= 0 || gridWidth <= 0 || factor <= 0) {
            throw new IllegalArgumentException("grid and factor must be > 0");
        }
        if (gridHeight % factor != 0 || gridWidth % factor != 0) {
            throw new IllegalArgumentException("a " + gridHeight + "×" + gridWidth + " grid does not split into "
                    + factor + "×" + factor + " windows");
        }
    }

    /** 2×2 pooling of a {@code side × side} grid. */
    public static SpatialAveragePooling twoByTwo(int side) {
        return new SpatialAveragePooling(side, side, 2);
    }

    /** Tokens per frame after pooling. */
    public int pooledTokens() {
        return (gridHeight / factor) * (gridWidth / factor);
    }

    /**
     * @param frames [B, T, H·W, C] in raster order
     * @return [B, T, (H/f)·(W/f), C] in raster order of the pooled grid
     */
    public NDArray apply(NDArray frames) {
        Shape s = frames.getShape();
        if (s.dimension() != 4 || s.get(2) != (long) gridHeight * gridWidth) {
            throw new IllegalArgumentException("frames must be [B, T, " + gridHeight * gridWidth + ", C], got " + s);
        }
        long b = s.get(0);
        long t = s.get(1);
        long c = s.get(3);
        int h = gridHeight / factor;
        int w = gridWidth / factor;
        // Raster index y·W + x = (hy·f + dy)·W + (wx·f + dx): split both axes into (block, offset), average offsets.
        return frames.reshape(b, t, h, factor, w, factor, c)
                .mean(new int[] {5}).mean(new int[] {3}) // DJL's PyTorch mean takes one axis at a time
                .reshape(b, t, (long) h * w, c);
    }
}
