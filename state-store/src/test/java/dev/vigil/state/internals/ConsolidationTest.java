package dev.vigil.state.internals;

import dev.vigil.state.Clips;
import dev.vigil.state.MemoryEntry;
import dev.vigil.state.TokenMemoryConfig;
import dev.vigil.tokens.Similarity;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ConsolidationTest {

    private static final int DIM = 8;
    private static final long T0 = 1_700_000_000_000L;

    private final Clips clips = new Clips("m", 6, DIM);
    private final Consolidation consolidation = new Consolidation(TokenMemoryConfig.defaults());

    private static float[] axis(int i) {
        float[] v = new float[DIM];
        v[i] = 1;
        return v;
    }

    /** Twelve clips of one unchanging scene with a single clip of something else in the middle of them. */
    private List<MemoryEntry> sceneWithOneRareClip(int rareIndex) {
        List<MemoryEntry> members = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            float[] direction = i == rareIndex ? axis(5) : axis(0);
            members.add(MemoryEntry.fromClip(clips.clip("cam", i, T0 + i * Clips.CLIP_MILLIS, direction)));
        }
        return members;
    }

    @Test
    void aRareSightKeepsAPooledEmbeddingOfItsOwnTimedOnIt() {
        int rare = 7;
        MemoryEntry merged = consolidation.consolidate(2, sceneWithOneRareClip(rare));

        assertThat(merged.frameEmbeddings().count()).isEqualTo(4);
        double best = 0;
        long bestTime = 0;
        for (int i = 0; i < merged.frameEmbeddings().count(); i++) {
            double c = Similarity.cosine(merged.frameEmbeddings().row(i), axis(5));
            if (c > best) {
                best = c;
                bestTime = merged.frameTimes()[i];
            }
        }
        // cut into four equal runs of time, its 4 frames would be a third of a 12-frame average: cosine ~0.45
        assertThat(best).isGreaterThan(0.99);
        long rareStart = T0 + rare * Clips.CLIP_MILLIS;
        assertThat(bestTime).isBetween(rareStart, rareStart + Clips.CLIP_MILLIS - 1);
    }

    @Test
    void pooledEmbeddingsAreInTimeOrderAndTimedOnMemberFrames() {
        List<MemoryEntry> members = sceneWithOneRareClip(2);
        MemoryEntry merged = consolidation.consolidate(1, members);

        long[] times = merged.frameTimes();
        for (int i = 1; i < times.length; i++) {
            assertThat(times[i]).isGreaterThanOrEqualTo(times[i - 1]);
        }
        List<Long> memberTimes = members.stream().flatMap(m -> java.util.Arrays.stream(m.frameTimes()).boxed()).toList();
        assertThat(memberTimes).containsAll(java.util.Arrays.stream(times).boxed().toList());
    }

    @Test
    void consolidatingTheSameMembersTwiceGivesTheSameEntry() {
        assertThat(consolidation.consolidate(2, sceneWithOneRareClip(4)))
                .isEqualTo(consolidation.consolidate(2, sceneWithOneRareClip(4)));
    }

    @Test
    void clipEmbeddingsAreMergedBySimilarityToTheSameCapAndARareClipKeepsItsOwn() {
        List<MemoryEntry> members = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            // the frames all look alike; only the readout tells clip 7 apart
            float[] readout = i == 7 ? axis(5) : axis(1);
            members.add(MemoryEntry.fromClip(clips.withClipEmbedding(
                    clips.clip("cam", i, T0 + i * Clips.CLIP_MILLIS, axis(0)), readout)));
        }

        MemoryEntry merged = consolidation.consolidate(2, members);

        assertThat(merged.clipEmbeddings().count()).isEqualTo(TokenMemoryConfig.defaults().maxPooledEmbeddings());
        assertThat(merged.clipEmbeddings().dim()).isEqualTo(DIM);
        double best = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < merged.clipEmbeddings().count(); i++) {
            best = Math.max(best, Similarity.cosine(merged.clipEmbeddings().row(i), axis(5)));
        }
        assertThat(best).isGreaterThan(0.99);
        assertThat(EntryCodec.decode("cam", EntryCodec.encode(merged))).isEqualTo(merged);
    }

    @Test
    void fewerClipEmbeddingsThanTheCapAreKeptAsTheyAre() {
        List<MemoryEntry> members = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            members.add(MemoryEntry.fromClip(clips.withClipEmbedding(
                    clips.clip("cam", i, T0 + i * Clips.CLIP_MILLIS, axis(0)), axis(i + 1))));
        }

        MemoryEntry merged = consolidation.consolidate(1, members);

        assertThat(merged.clipEmbeddings().count()).isEqualTo(3);
        for (int i = 0; i < 3; i++) {
            assertThat(Similarity.cosine(merged.clipEmbeddings().row(i), axis(i + 1))).as("in time order")
                    .isGreaterThan(0.999);
        }
    }

    @Test
    void membersWithoutClipEmbeddingsGiveAnEntryWithout() {
        MemoryEntry merged = consolidation.consolidate(2, sceneWithOneRareClip(3));

        assertThat(merged.clipEmbeddings().count()).isZero();
        assertThat(merged.clipEmbeddings().dim()).isEqualTo(DIM);
    }
}
