package dev.vigil.state;

import dev.vigil.state.internals.EntryCodec;
import dev.vigil.state.internals.MemoryKey;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class MemoryBoundTest {
    /** 2 fps, 4-frame clips, 64 tokens per clip, 16 KiB keyframes, no temporal state counted. */
    private static final StreamShape TWO_FPS = new StreamShape(2, 4, 64, 16 * 1024, 0);

    @Test
    void entryCountsFollowFromTheTierSettings() {
        MemoryBound bound = MemoryBound.of(TokenMemoryConfig.defaults(), null, 768, TWO_FPS);

        assertThat(bound.rawEntries()).isEqualTo((600_000 + 8_000) / 2_000 + 1);          // 305
        assertThat(bound.tier1Entries()).isEqualTo((7_200_000 + 96_000 - 600_000) / 8_000 + 1); // 838
        assertThat(bound.tier2Entries()).isEqualTo(828);  // ceil((24 h - 2 h + 96 s + 2 s) / 96 s) + 1
    }

    @Test
    void entrySizesComeFromTheValueFormat() {
        // every clip counted with its clip embedding; a consolidated entry keeps at most maxPooledEmbeddings (4)
        MemoryBound bound = MemoryBound.of(TokenMemoryConfig.defaults(), null, 768, TWO_FPS);
        long key = MemoryKey.entryKeySize(255);

        assertThat(bound.rawEntryBytes()).isEqualTo(key + EntryCodec.encodedSize(255, 64, 768, 4, 768, 1, 16 * 1024, true, 1));
        assertThat(bound.tier1EntryBytes()).isEqualTo(key + EntryCodec.encodedSize(255, 64, 768, 4, 768, 4, 16 * 1024, true, 4));
        assertThat(bound.tier2EntryBytes()).isEqualTo(key + EntryCodec.encodedSize(255, 64, 768, 4, 768, 4, 16 * 1024, true, 48));
    }

    @Test
    void theBoundForSiglipBaseAndATinyModel() {
        long siglip = MemoryBound.bytesPerCamera(TokenMemoryConfig.defaults(), 768, TWO_FPS);
        long tiny = MemoryBound.bytesPerCamera(TokenMemoryConfig.defaults(), 192, TWO_FPS);
        System.out.printf("TokenMemory bound per camera, defaults, 2 fps, 4-frame clips, 64 tokens/clip, 16 KiB keyframes:"
                + " dim 768 = %,d bytes (%.1f MiB), dim 192 = %,d bytes (%.1f MiB)%n",
                siglip, siglip / 1048576.0, tiny, tiny / 1048576.0);

        assertThat(siglip).isBetween(200L << 20, 250L << 20); // 240 MiB, see docs/token-memory.md
        assertThat(tiny).isLessThan(siglip / 2);
    }

    @Test
    void aShorterRetentionShrinksTheBound() {
        TokenMemoryConfig config = TokenMemoryConfig.defaults().withRetention("short", Duration.ofHours(1));

        assertThat(MemoryBound.bytesPerCamera(config, "short", 768, TWO_FPS))
                .isLessThan(MemoryBound.bytesPerCamera(config, "other", 768, TWO_FPS));
        assertThat(MemoryBound.of(config, "short", 768, TWO_FPS).tier2Entries()).isZero();
    }
}
