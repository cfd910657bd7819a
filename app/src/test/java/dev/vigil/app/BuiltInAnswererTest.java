package dev.vigil.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.api.llm.LlmAnswer;
import dev.vigil.api.llm.LlmPrompt;
import dev.vigil.api.llm.TokenReading;
import dev.vigil.models.answer.AnswerModel;
import dev.vigil.models.answer.AnswerText;
import dev.vigil.models.answer.SeededAnswerWriter;
import dev.vigil.models.bundle.ModelBundle;
import dev.vigil.models.clip.ClipEncoder;
import dev.vigil.models.runtime.DeviceSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The built-in answerer on the real synthcam-tiny bundle (its MiniLM sentence encoder and text projection read the
 * questions) with answer models of random weights from {@link SeededAnswerWriter}: what such a model says means
 * nothing, so these check the plumbing. Every time an answer cites is a start or end of an event it was given (or
 * in the window phrase), no slot or special token reaches the text, tokens of another bundle are not read, and
 * streaming speaks OpenAI's chunk format.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BuiltInAnswererTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
    private static final Pattern MARKUP = Pattern.compile("<[a-z]+\\d*>");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-03T10:00:00Z"), ZoneOffset.UTC);
    private static final List<String> QUESTIONS = List.of("when did the red car leave?", "was there a blue person?",
            "how many times was a green dog seen?", "what colour was the truck?", "which side did the white car come from?");

    Path bundleFolder;
    ModelBundle bundle;
    ClipEncoder encoder;

    @BeforeAll
    void load(@TempDir Path dir) throws IOException {
        bundleFolder = ShippedBundleCopy.into(dir.resolve("synthcam-tiny"));
        bundle = ModelBundle.load(bundleFolder, DeviceSpec.cpu());
        encoder = new ClipEncoder(bundle, 8);
    }

    @AfterAll
    void close() {
        if (encoder != null) {
            encoder.close();
        }
        if (bundle != null) {
            bundle.close();
        }
    }

    @Test
    void aBundleHasABuiltInAnswererOnlyWhenItsFolderHoldsAnAnswerModel() {
        assertThat(BuiltInAnswerer.of(encoder, CLOCK)).isEmpty();
        SeededAnswerWriter.write(bundleFolder, encoder.dim(), 11);
        try {
            BuiltInAnswerer answerer = BuiltInAnswerer.of(encoder, CLOCK).orElseThrow();
            assertThat(answerer.describe()).isEqualTo("built-in answer model (synthcam-tiny)");
            assertThat(answerer.tokenReading()).contains(new TokenReading(4, 64, 4));
            assertThat(answerer.readsKeyframes()).isFalse();
        } finally {
            try (Stream<Path> files = Files.list(bundleFolder)) {
                files.filter(f -> f.getFileName().toString().startsWith("answer")).forEach(f -> f.toFile().delete());
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }
    }

    @Test
    void answersCiteOnlyTheTimesOfTheEventsGivenAndNoSlotReachesTheText(@TempDir Path dir) {
        Random random = new Random(3);
        int cited = 0;
        for (long seed = 1; seed <= 6; seed++) {
            BuiltInAnswerer answerer = answerer(dir.resolve("seed-" + seed), seed);
            for (int trial = 0; trial < 6; trial++) {
                // Six matching events, of which the model is given the tokens of at most four: the others' times
                // (and a window's, when it names none) must never be cited.
                List<LlmPrompt.PromptEvent> events = events(random, 6);
                int given = trial % 5;
                List<LlmPrompt.EventTokens> tokens = new ArrayList<>();
                Set<String> allowed = new HashSet<>();
                for (LlmPrompt.PromptEvent e : events.subList(0, given)) {
                    tokens.add(tokens(e, "synthcam-tiny", random));
                    allowed.add(AnswerText.time(e.start()));
                    allowed.add(AnswerText.time(e.end()));
                }
                String window = trial % 2 == 0 ? "in all stored memory" : "since 2026-12-03T08:00:00Z";
                allowed.add("2026-12-03T08:00:00Z");
                String question = QUESTIONS.get((int) ((seed + trial) % QUESTIONS.size()));
                LlmAnswer answer = answerer.complete(prompt(question, events, window, tokens));

                assertThat(answer.text()).as(question).doesNotContainPattern(MARKUP);
                Matcher times = TIME.matcher(answer.text());
                while (times.find()) {
                    assertThat(allowed).as("a time cited in '" + answer.text() + "'").contains(times.group());
                    cited += times.group().equals("2026-12-03T08:00:00Z") ? 0 : 1;
                }
                for (LlmPrompt.PromptEvent e : events.subList(given, events.size())) {
                    assertThat(answer.text()).doesNotContain(e.camera());
                }
                assertThat(answer.model()).isEqualTo("vigil-answer/synthcam-tiny");
                assertThat(answer.promptTokens()).isEqualTo(1 + given * (1 + 4 + 64));
            }
        }
        assertThat(cited).as("random models cite some events' times, so the check above is not vacuous").isPositive();
    }

    @Test
    void withoutEventsEveryAnswerSaysNotSeenInTheWindowWhateverTheModelDecodes(@TempDir Path dir) {
        for (long seed = 1; seed <= 6; seed++) {
            BuiltInAnswerer answerer = answerer(dir.resolve("seed-" + seed), seed);
            for (String question : QUESTIONS) {
                String text = answerer.complete(prompt(question, List.of(), "since 2026-12-03T08:00:00Z", List.of()))
                        .text();
                assertThat(text).as(question).contains("seen since 2026-12-03T08:00:00Z").doesNotContain("?");
            }
        }
    }

    @Test
    void tokensOfAnotherBundleAreNotRead(@TempDir Path dir) {
        BuiltInAnswerer answerer = answerer(dir, 5);
        Random random = new Random(9);
        List<LlmPrompt.PromptEvent> events = events(random, 2);
        List<LlmPrompt.EventTokens> foreign = List.of(tokens(events.get(0), "siglip-base", random),
                tokens(events.get(1), "siglip-base", random));
        assertThat(answerer.complete(prompt(QUESTIONS.get(0), events, "in all stored memory", foreign)))
                .isEqualTo(answerer.complete(prompt(QUESTIONS.get(0), events, "in all stored memory", List.of())));
    }

    @Test
    void streamingSendsOpenAiChunksThatJoinToTheAnswerThenStopThenDone(@TempDir Path dir) throws Exception {
        BuiltInAnswerer answerer = answerer(dir, 2);
        Random random = new Random(4);
        List<LlmPrompt.PromptEvent> events = events(random, 3);
        LlmPrompt prompt = prompt("when did the red car leave?", events, "in all stored memory",
                events.stream().map(e -> tokens(e, "synthcam-tiny", random)).toList());
        List<String> data = new ArrayList<>();
        answerer.stream(prompt, data::add);

        assertThat(data).hasSizeGreaterThanOrEqualTo(3).last().isEqualTo("[DONE]");
        List<JsonNode> chunks = new ArrayList<>();
        for (String d : data.subList(0, data.size() - 1)) {
            chunks.add(JSON.readTree(d));
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < chunks.size(); i++) {
            JsonNode c = chunks.get(i);
            assertThat(c.path("object").asText()).isEqualTo("chat.completion.chunk");
            assertThat(c.path("id").asText()).startsWith("chatcmpl-").isEqualTo(chunks.get(0).path("id").asText());
            assertThat(c.path("created").asLong()).isEqualTo(CLOCK.millis() / 1000);
            assertThat(c.path("model").asText()).isEqualTo("vigil-answer/synthcam-tiny");
            assertThat(c.path("choices")).hasSize(1);
            JsonNode choice = c.path("choices").get(0);
            assertThat(choice.path("index").asInt()).isZero();
            boolean last = i == chunks.size() - 1;
            assertThat(choice.has("finish_reason")).isTrue();
            assertThat(choice.path("finish_reason").isNull()).isEqualTo(!last);
            if (last) {
                assertThat(choice.path("finish_reason").asText()).isEqualTo("stop");
                assertThat(choice.path("delta").isEmpty()).isTrue();
            } else {
                assertThat(choice.path("delta").has("role")).isEqualTo(i == 0);
                String piece = choice.path("delta").path("content").asText();
                assertThat(piece.strip()).as("one word per chunk").doesNotContain(" ");
                text.append(piece);
            }
        }
        assertThat(chunks.get(0).path("choices").get(0).path("delta").path("role").asText()).isEqualTo("assistant");
        assertThat(text.toString()).isEqualTo(answerer.complete(prompt).text());
    }

    @Test
    void piecesCutBeforeEachWordAndJoinToTheText() {
        String text = "The red car left cam-1 at 2026-12-03T09:12:31Z.";
        assertThat(BuiltInAnswerer.pieces(text)).containsExactly("The", " red", " car", " left", " cam-1", " at",
                " 2026-12-03T09:12:31Z.");
        assertThat(String.join("", BuiltInAnswerer.pieces(" a  b "))).isEqualTo(" a  b ");
        assertThat(BuiltInAnswerer.pieces("")).isEmpty();
    }

    private BuiltInAnswerer answerer(Path folder, long seed) {
        SeededAnswerWriter.write(folder, encoder.dim(), seed);
        return new BuiltInAnswerer(AnswerModel.load(folder, encoder.dim()).orElseThrow(), encoder, CLOCK);
    }

    /** {@code n} events on two cameras, in time order, 2 to 10 s long, with second-exact and odd-millisecond times. */
    private static List<LlmPrompt.PromptEvent> events(Random random, int n) {
        List<LlmPrompt.PromptEvent> out = new ArrayList<>();
        long t = Instant.parse("2026-12-03T09:00:00Z").toEpochMilli() + random.nextInt(1_000);
        for (int i = 0; i < n; i++) {
            t += 3_000 + random.nextInt(60_000);
            long end = t + 2_000 + random.nextInt(8_000);
            out.add(new LlmPrompt.PromptEvent("cam-" + (char) ('a' + i) + "-" + random.nextInt(1000), t, end,
                    0.5 + random.nextDouble() / 2));
            t = end;
        }
        return out;
    }

    /** Random stored tokens of the bundle's width, as many as the model reads (64 tokens, 4 frames). */
    private LlmPrompt.EventTokens tokens(LlmPrompt.PromptEvent event, String modelId, Random random) {
        int dim = encoder.dim();
        float[] tokens = new float[64 * dim];
        float[] frames = new float[4 * dim];
        for (int i = 0; i < tokens.length; i++) {
            tokens[i] = (float) random.nextGaussian();
        }
        for (int i = 0; i < frames.length; i++) {
            frames[i] = (float) random.nextGaussian();
        }
        return new LlmPrompt.EventTokens(event, modelId, tokens, 64, frames, 4, dim);
    }

    private static LlmPrompt prompt(String question, List<LlmPrompt.PromptEvent> events, String window,
                                    List<LlmPrompt.EventTokens> tokens) {
        return new LlmPrompt(question, List.of(), List.of(), events, 0.5, window, List.of(), tokens);
    }
}
