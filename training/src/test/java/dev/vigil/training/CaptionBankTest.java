package dev.vigil.training;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CaptionBankTest {

    private final Wording training = Wording.load(Wording.TRAINING);
    private final List<String> kinds = List.of("car", "dog");
    private final List<String> colours = List.of("red", "blue");
    private final Map<String, List<String>> actions = Map.of("car", List.of("stops"), "dog", List.of("loiters"));

    @Test
    void sameSeedSameBankAndEveryFactHasItsOwnDistinctWordings() {
        CaptionBank a = new CaptionBank(training, kinds, colours, actions, 12, 3);
        CaptionBank b = new CaptionBank(training, kinds, colours, actions, 12, 3);
        assertThat(a.all()).isEqualTo(b.all());
        // 2 kinds x 2 colours x (no action + 1 action) facts, 12 wordings each, no caption shared between facts
        assertThat(a.all()).hasSize(2 * 2 * 2 * 12);
        assertThat(new CaptionBank(training, kinds, colours, actions, 12, 4).all()).isNotEqualTo(a.all());
    }

    @Test
    void captionsComeFromTheBankAndSayTheFact() {
        CaptionBank bank = new CaptionBank(training, kinds, colours, actions, 6, 1);
        Random random = new Random(9);
        List<String> redCars = training.alternatives("colour.red");
        for (int i = 0; i < 50; i++) {
            String c = bank.caption("car", "red", "stops", random);
            assertThat(bank.all()).contains(c);
            assertThat(redCars).anySatisfy(word -> assertThat(c).contains(word));
            // the wording may pick a template without {action}; when it names an action, it is this one
            assertThat(training.alternatives("action.loiters")).noneSatisfy(phrase -> assertThat(c).contains(phrase));
        }
        assertThat(bank.all()).anySatisfy(c -> assertThat(training.alternatives("action.stops"))
                .anySatisfy(phrase -> assertThat(c).contains(phrase)));
        assertThatThrownBy(() -> bank.caption("car", "red", "loiters", random))
                .hasMessageContaining("no captions for car|red|loiters");
    }
}
