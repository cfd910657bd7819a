package dev.vigil.state.internals;

import dev.vigil.schema.ClipTokens;
import dev.vigil.state.Clips;
import dev.vigil.state.CorruptEntryException;
import dev.vigil.state.CoveredClip;
import dev.vigil.state.MemoryEntry;
import dev.vigil.state.TokenBlock;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EntryCodecTest {
    private final Clips clips = new Clips("tiny-v1", 8, 16);

    @Test
    void aRawClipRoundTrips() {
        MemoryEntry entry = MemoryEntry.fromClip(clips.clip("cam-1", 1_700_000_000_000L, 5));

        byte[] bytes = EntryCodec.encode(entry);

        assertThat(EntryCodec.decode("cam-1", bytes)).isEqualTo(entry);
        assertThat(entry.clipEmbeddings()).isEqualTo(TokenBlock.empty(16));
        assertThat(bytes).hasSize((int) EntryCodec.encodedSize(7, 8, 16, 4, 16, 0, 32, true, 1));
    }

    @Test
    void aRawClipWithAClipEmbeddingRoundTrips() {
        float[] readout = new float[16];
        readout[3] = 2;
        MemoryEntry entry = MemoryEntry.fromClip(clips.withClipEmbedding(clips.clip("cam-1", 1_700_000_000_000L, 5), readout));

        byte[] bytes = EntryCodec.encode(entry);
        MemoryEntry read = EntryCodec.decode("cam-1", bytes);

        assertThat(read).isEqualTo(entry);
        assertThat(read.clipEmbeddings().count()).isEqualTo(1);
        assertThat(read.clipEmbeddings().row(0)).containsExactly(readout);
        assertThat(bytes).hasSize((int) EntryCodec.encodedSize(7, 8, 16, 4, 16, 1, 32, true, 1));
        assertThat(entry).isNotEqualTo(MemoryEntry.fromClip(clips.clip("cam-1", 1_700_000_000_000L, 5)));
    }

    @Test
    void aConsolidatedEntryWithoutKeyframeRoundTrips() {
        MemoryEntry entry = new MemoryEntry("cam-2", 3, -5_000, 9_000, "m", 32, 2, TokenBlock.empty(4), new int[0],
                TokenBlock.of(new float[][]{{1, 2, 3, 4}}, 4), new long[]{7},
                TokenBlock.of(new float[][]{{0, 1, 0, 0}, {4, 3, 2, 1}}, 4), null, 2, true,
                List.of(new CoveredClip(3, -5_000, 0), new CoveredClip(4, 0, 9_000)));

        assertThat(EntryCodec.decode("cam-2", EntryCodec.encode(entry))).isEqualTo(entry);
    }

    @Test
    void headerPeeksAgreeWithTheFullDecode() {
        MemoryEntry entry = MemoryEntry.fromClip(clips.clip("cam-1", 1_000, 2));
        byte[] bytes = EntryCodec.encode(entry);

        assertThat(EntryCodec.endOf(bytes)).isEqualTo(entry.end());
        assertThat(EntryCodec.tierOf(bytes)).isZero();
    }

    @Test
    void anotherVersionIsRefusedByName() {
        byte[] bytes = EntryCodec.encode(MemoryEntry.fromClip(clips.clip("cam-1", 0, 1)));
        bytes[0] = 4;

        assertThatThrownBy(() -> EntryCodec.decode("cam-1", bytes))
                .isInstanceOf(CorruptEntryException.class)
                .hasMessageContaining("format version 4").hasMessageContaining("reads versions 1 to 3");
    }

    @Test
    void theMergeMetricTravelsFromTheClipIntoTheEntry() {
        ClipTokens clip = clips.clip("cam-1", 0, 1);
        clip.setMergeMetricChunk(8);
        MemoryEntry entry = MemoryEntry.fromClip(clip);

        assertThat(entry.mergeMetricChunk()).isEqualTo(8);
        assertThat(EntryCodec.decode("cam-1", EntryCodec.encode(entry)).mergeMetricChunk()).isEqualTo(8);
    }

    @Test
    void aVersion1ValueStillReadsWithTheMetricItWasMergedOn() {
        MemoryEntry entry = MemoryEntry.fromClip(clips.clip("cam-1", 1_000, 2));
        byte[] v1 = asVersion1(asVersion2(EntryCodec.encode(entry), entry), "tiny-v1".length());

        MemoryEntry read = EntryCodec.decode("cam-1", v1);

        assertThat(read.mergeMetricChunk()).isEqualTo(64);
        assertThat(read).isEqualTo(entry); // Clips' ClipTokens carry the schema default, 64
        assertThat(EntryCodec.embeddingsOf("cam-1", v1).count()).isEqualTo(entry.frameEmbeddings().count());
        assertThat(EntryCodec.embeddingsOf("cam-1", v1).clipCount()).isZero();
        assertThat(EntryCodec.endOf(v1)).isEqualTo(entry.end());
    }

    @Test
    void aVersion2ValueStillReadsWithNoClipEmbeddings() {
        MemoryEntry entry = MemoryEntry.fromClip(clips.clip("cam-1", 1_000, 2)); // a clip of a bundle without a readout
        byte[] v2 = asVersion2(EntryCodec.encode(entry), entry);

        MemoryEntry read = EntryCodec.decode("cam-1", v2);

        assertThat(v2[0]).isEqualTo((byte) 2);
        assertThat(read).isEqualTo(entry);
        assertThat(read.clipEmbeddings()).isEqualTo(TokenBlock.empty(entry.frameEmbeddings().dim()));
        EntryCodec.EmbeddingView view = EntryCodec.embeddingsOf("cam-1", v2);
        assertThat(view.count()).isEqualTo(entry.frameEmbeddings().count());
        assertThat(view.clipCount()).isZero();
        assertThat(EntryCodec.tierOf(v2)).isZero();
        assertThat(EntryCodec.endOf(v2)).isEqualTo(entry.end());
    }

    /**
     * The version-2 bytes of a version-3 value of an entry without clip embeddings: no clip embedding block after
     * the frame times, and a new checksum.
     */
    private static byte[] asVersion2(byte[] v3, MemoryEntry e) {
        int clipBlockAt = 1 + 1 + 8 + 8 + 8 + 4 + 1 + 2 + e.modelId().length() + 2
                + 8 + e.tokens().fp16().length + 4 * e.tokens().count()
                + 8 + e.frameEmbeddings().fp16().length + 8 * e.frameEmbeddings().count();
        int clipBlock = 8 + e.clipEmbeddings().fp16().length;
        ByteBuffer out = ByteBuffer.allocate(v3.length - clipBlock);
        out.put(v3, 0, clipBlockAt).put(v3, clipBlockAt + clipBlock, v3.length - 4 - clipBlockAt - clipBlock);
        out.array()[0] = 2;
        CRC32C crc = new CRC32C();
        crc.update(out.array(), 0, out.position());
        out.putInt((int) crc.getValue());
        return out.array();
    }

    /** The version-1 bytes of a version-2 value: no metric chunk after the model id, and a new checksum. */
    private static byte[] asVersion1(byte[] v2, int modelIdBytes) {
        int chunkAt = 1 + 1 + 8 + 8 + 8 + 4 + 1 + 2 + modelIdBytes;
        ByteBuffer out = ByteBuffer.allocate(v2.length - 2);
        out.put(v2, 0, chunkAt).put(v2, chunkAt + 2, v2.length - 4 - chunkAt - 2);
        out.array()[0] = 1;
        CRC32C crc = new CRC32C();
        crc.update(out.array(), 0, out.position());
        out.putInt((int) crc.getValue());
        return out.array();
    }

    @Test
    void aFlippedByteFailsTheChecksum() {
        byte[] bytes = EntryCodec.encode(MemoryEntry.fromClip(clips.clip("cam-1", 0, 1)));
        bytes[bytes.length / 2] ^= 0x10;

        assertThatThrownBy(() -> EntryCodec.decode("cam-1", bytes))
                .isInstanceOf(CorruptEntryException.class)
                .hasMessageContaining("cam-1").hasMessageContaining("CRC-32C");
    }

    @Test
    void truncatedBytesAreReportedAsTruncated() {
        assertThatThrownBy(() -> EntryCodec.decode("cam-1", new byte[]{1, 0, 0}))
                .isInstanceOf(CorruptEntryException.class).hasMessageContaining("truncated");
    }

    @Test
    void theEmbeddingViewReadsTheSameRowsAsTheFullDecodeWithoutCopyingTheRest() {
        MemoryEntry entry = MemoryEntry.fromClip(clips.clip("cam-1", 1_700_000_000_000L, 5));
        byte[] bytes = EntryCodec.encode(entry);

        EntryCodec.EmbeddingView view = EntryCodec.embeddingsOf("cam-1", bytes);

        assertThat(view.start()).isEqualTo(entry.start());
        assertThat(view.end()).isEqualTo(entry.end());
        assertThat(view.count()).isEqualTo(entry.frameEmbeddings().count());
        assertThat(view.dim()).isEqualTo(entry.frameEmbeddings().dim());
        float[] rows = new float[view.count() * view.dim() + 3]; // a reused buffer may be longer
        view.rowsInto(rows);
        for (int i = 0; i < view.count(); i++) {
            assertThat(Arrays.copyOfRange(rows, i * view.dim(), (i + 1) * view.dim()))
                    .containsExactly(entry.frameEmbeddings().row(i));
        }
        assertThat(view.clipCount()).isZero();
        // an entry with no tokens and no keyframe: the view skips an empty token block
        MemoryEntry bare = new MemoryEntry("cam-2", 3, -5_000, 9_000, "m", 32, 2, TokenBlock.empty(4), new int[0],
                TokenBlock.of(new float[][]{{1, 2, 3, 4}}, 4), new long[]{7},
                TokenBlock.of(new float[][]{{5, 6, 7, 8}, {-1, 0, 1, 0}}, 4), null, 2, true,
                List.of(new CoveredClip(3, -5_000, 9_000)));
        EntryCodec.EmbeddingView bareView = EntryCodec.embeddingsOf("cam-2", EntryCodec.encode(bare));
        float[] four = new float[4];
        bareView.rowsInto(four);
        assertThat(four).containsExactly(1, 2, 3, 4);
        assertThat(bareView.clipCount()).isEqualTo(2);
        float[] clipRows = new float[2 * 4 + 1]; // reused buffers may be longer
        bareView.clipRowsInto(clipRows);
        assertThat(Arrays.copyOf(clipRows, 8)).containsExactly(5, 6, 7, 8, -1, 0, 1, 0);
    }

    @Test
    void clipEmbeddingsOfAnotherWidthAreRefused() {
        assertThatThrownBy(() -> new MemoryEntry("cam-2", 3, 0, 9_000, "m", 32, 1, TokenBlock.empty(4), new int[0],
                TokenBlock.of(new float[][]{{1, 2, 3, 4}}, 4), new long[]{7}, TokenBlock.of(new float[][]{{1, 2}}, 2),
                null, 1, false, List.of(new CoveredClip(3, 0, 9_000))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("one space");
    }

    @Test
    void aTokenBlockThatDoesNotFitFailsTheViewByName() {
        byte[] bytes = EntryCodec.encode(MemoryEntry.fromClip(clips.clip("cam-1", 0, 1)));
        int tokenCount = 1 + 1 + 8 + 8 + 8 + 4 + 1 + 2 + "tiny-v1".length() + 2;
        bytes[tokenCount + 3] = 0x7f; // the token count, big-endian, now far beyond the value

        assertThatThrownBy(() -> EntryCodec.embeddingsOf("cam-1", bytes))
                .isInstanceOf(CorruptEntryException.class).hasMessageContaining("cam-1");
    }
}
