package dev.vigil.api;

import dev.vigil.schema.ClipTokens;
import dev.vigil.schema.TokenMatrix;
import dev.vigil.tokens.Fp16;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** ClipTokens of the concept world: 4 frames per 2 s clip whose embeddings are one concept's axis, a real JPEG keyframe. */
final class TestClips {
    static final long CLIP_MILLIS = 2_000;
    static final int FRAMES = 4;
    static final int TOKENS = 8;

    static ClipTokens clip(String camera, long index, long start, String concept) {
        float[] axis = ConceptEmbedder.concept(concept);
        float[] frames = new float[FRAMES * ConceptEmbedder.DIM];
        List<Instant> times = new ArrayList<>();
        for (int f = 0; f < FRAMES; f++) {
            System.arraycopy(axis, 0, frames, f * ConceptEmbedder.DIM, ConceptEmbedder.DIM);
            times.add(Instant.ofEpochMilli(start + f * CLIP_MILLIS / FRAMES));
        }
        float[] tokens = new float[TOKENS * ConceptEmbedder.DIM];
        for (int t = 0; t < TOKENS; t++) {
            System.arraycopy(axis, 0, tokens, t * ConceptEmbedder.DIM, ConceptEmbedder.DIM);
        }
        List<Integer> sizes = new ArrayList<>();
        for (int i = 0; i < TOKENS; i++) {
            sizes.add(1);
        }
        return ClipTokens.newBuilder().setCameraId(camera).setClipIndex(index)
                .setStart(Instant.ofEpochMilli(start)).setEnd(Instant.ofEpochMilli(start + CLIP_MILLIS))
                .setModelId("concepts-v1")
                .setTokens(matrix(TOKENS, tokens)).setTokenSizes(sizes)
                .setFrameEmbeddings(matrix(FRAMES, frames)).setFrameTimes(times)
                .setSamplingStride(1).setPartial(false)
                .setKeyframe(ByteBuffer.wrap(jpeg(camera + " #" + index + " " + concept, concept)))
                .setIngestTime(Instant.ofEpochMilli(start + CLIP_MILLIS)).setEncodeTime(Instant.ofEpochMilli(start + CLIP_MILLIS))
                .build();
    }

    /** A real 160x90 JPEG: a colour per concept and a caption. */
    static byte[] jpeg(String caption, String concept) {
        BufferedImage image = new BufferedImage(160, 90, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.getHSBColor(ConceptEmbedder.CONCEPTS.indexOf(concept) / 8f, 0.6f, 0.8f));
        g.fillRect(0, 0, 160, 90);
        g.setColor(Color.WHITE);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
        g.drawString(caption, 6, 50);
        g.dispose();
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "jpg", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static TokenMatrix matrix(int count, float[] values) {
        return TokenMatrix.newBuilder().setCount(count).setDim(ConceptEmbedder.DIM)
                .setFp16(ByteBuffer.wrap(Fp16.toBytes(values))).build();
    }
}
