package dev.vigil.training;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TemporalBatchesTest {

    private static final List<String> KINDS = List.of("car", "person");
    private static final List<String> COLOURS = List.of("red", "blue", "white");
    private static final Map<String, List<String>> ACTIONS = Map.of(
            "car", List.of("enters_left", "enters_right", "leaves"),
            "person", List.of("enters_left", "stops", "leaves"));

    /** Clip 0: nobody; 1: a red car entering from the left; 2: it and a blue person who stops; 3: the car leaves. */
    private static TemporalCorpus corpus() {
        List<TemporalCorpus.Clip> clips = new ArrayList<>();
        clips.add(clip(0, List.of()));
        clips.add(clip(1, List.of(new TemporalCorpus.ClipObject("car", "red", List.of("enters_left"),
                new boolean[] {false, true, true, true}))));
        clips.add(clip(2, List.of(new TemporalCorpus.ClipObject("car", "red", List.of(), new boolean[] {true, true, true, true}),
                new TemporalCorpus.ClipObject("person", "blue", List.of("enters_left", "stops"),
                        new boolean[] {false, false, true, true}))));
        clips.add(clip(3, List.of(new TemporalCorpus.ClipObject("car", "red", List.of("leaves"),
                new boolean[] {true, true, false, false}))));
        return new TemporalCorpus(List.of(new TemporalCorpus.Scene("synthcam://test", clips)), 1, 2);
    }

    private static TemporalCorpus.Clip clip(int index, List<TemporalCorpus.ClipObject> objects) {
        return new TemporalCorpus.Clip(0, index, 4, new float[8], new float[8], objects);
    }

    private static TemporalBatches batches(long seed) {
        CaptionBank bank = new CaptionBank(Wording.load(Wording.TRAINING), KINDS, COLOURS, ACTIONS, 4, 3);
        return new TemporalBatches(corpus(), bank, KINDS, COLOURS, ACTIONS, seed, 6, 1, 0.7);
    }

    @Test
    void labelsFollowTheFactsOfEachClipAndFrame() {
        TemporalBatches batches = batches(5);
        Wording wording = Wording.load(Wording.TRAINING);
        for (int step = 0; step < 20; step++) {
            TemporalBatches.Batch b = batches.batch(step);
            int c = b.captions().size();
            assertThat(b.clips()).allMatch(clip -> clip.index() >= 1); // one warm clip before each
            for (int i = 0; i < b.clips().size(); i++) {
                TemporalCorpus.Clip clip = b.clips().get(i);
                for (int j = 0; j < c; j++) {
                    String caption = b.captions().get(j).toLowerCase();
                    boolean clipPositive = b.clipLabels()[i * c + j] > 0;
                    // a caption naming a clip's leaving car is positive exactly on the clip where the car leaves
                    if (caption.contains("red ") && caption.matches(".*\\bcar\\b.*") && isLeaving(caption, wording)) {
                        assertThat(clipPositive).isEqualTo(clip.index() == 3);
                    }
                    for (int f = 0; f < 4; f++) {
                        boolean framePositive = b.frameLabels()[(i * 4 + f) * c + j] > 0;
                        if (framePositive) {
                            assertThat(clipPositive).as("a frame positive is a clip positive: " + caption).isTrue();
                        }
                    }
                }
            }
        }
    }

    @Test
    void everyBatchHasPositivesAndActionNegatives() {
        TemporalBatches.Batch b = batches(5).batch(0);
        float sum = 0;
        for (float label : b.clipLabels()) {
            sum += label > 0 ? 1 : 0;
        }
        assertThat(sum).isPositive();
        assertThat(b.captions()).hasSizeGreaterThan(b.clips().size());
    }

    @Test
    void aBatchDependsOnlyOnSeedAndStep() {
        TemporalBatches.Batch a = batches(5).batch(7);
        TemporalBatches.Batch again = batches(5).batch(7);
        TemporalBatches.Batch other = batches(5).batch(8);
        assertThat(again.captions()).isEqualTo(a.captions());
        assertThat(again.clipLabels()).containsExactly(a.clipLabels());
        assertThat(again.clips().stream().map(TemporalCorpus.Clip::index).toList())
                .isEqualTo(a.clips().stream().map(TemporalCorpus.Clip::index).toList());
        assertThat(other.captions()).isNotEqualTo(a.captions());
    }

    private static boolean isLeaving(String caption, Wording wording) {
        return wording.alternatives("action.leaves").stream().anyMatch(caption::contains);
    }
}
