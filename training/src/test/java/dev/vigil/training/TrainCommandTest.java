package dev.vigil.training;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TrainCommandTest {

    /** The synthcam subcommand after parsing {@code args}, as picocli hands it to {@code call()}. */
    private static TrainCommand.Synthcam parsed(String... args) {
        CommandLine root = new CommandLine(new TrainCommand());
        List<String> all = new ArrayList<>(List.of("synthcam"));
        all.addAll(Arrays.asList(args));
        CommandLine.ParseResult result = root.parseArgs(all.toArray(String[]::new));
        return (TrainCommand.Synthcam) result.subcommand().commandSpec().userObject();
    }

    private static List<OptionSpec> runOptions(TrainCommand.Synthcam command) {
        return command.spec.options().stream().filter(o -> !o.usageHelp() && !o.versionHelp()).toList();
    }

    @Test
    void trainedByNamesEveryOptionOfTheCommand() {
        TrainCommand.Synthcam command = parsed("--binding-negatives", "0.25", "--steps", "12");
        String line = command.trainedBy();

        assertThat(line).startsWith("vigil train synthcam ");
        assertThat(runOptions(command)).isNotEmpty()
                .allSatisfy(o -> assertThat(line).contains(" " + o.longestName()));
        assertThat(line).contains(" --binding-negatives 0.25").contains(" --steps 12")
                .contains(" --evaluate-only=false").contains(" --seed 7");
    }

    @Test
    void trainedByReadsBackAsTheSameRun() {
        TrainCommand.Synthcam run = parsed("--binding-negatives", "0.25", "--bias-init", "-6", "--out", "a b",
                "--lr", "3e-4");
        String line = run.trainedBy();
        // split as a shell would: the one quoted value holds a space
        List<String> args = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("'([^']*)'|(\\S+)")
                .matcher(line.substring("vigil train synthcam ".length()));
        while (m.find()) {
            args.add(m.group(1) != null ? m.group(1) : m.group(2));
        }
        TrainCommand.Synthcam again = parsed(args.toArray(String[]::new));

        for (OptionSpec o : runOptions(run)) {
            Object value = o.getValue();
            Object back = again.spec.findOption(o.longestName()).getValue();
            assertThat(back).as(o.longestName()).isEqualTo(value);
        }
    }

    @Test
    void theTrainingRecordKeepsTheBundleJsonKeys() {
        ObjectMapper json = new ObjectMapper();
        TrainCommand.TrainingRecord record = new TrainCommand.TrainingRecord("vigil train synthcam --seed 7",
                Map.of("seed", 7), Map.of("scenes", "x"), 100, 20, "w", "t", "e", 1.5, 0.5, 60, "m", null);
        JsonNode before = json.valueToTree(record);
        assertThat(before.fieldNames()).toIterable().containsExactly("trainedBy", "config", "data", "frames",
                "distinctCaptions", "wording", "trained", "textEncoder", "lossFirst10", "lossLast10",
                "secondsThisRun", "machine");

        TrainCommand.HeldOutRecord held = new TrainCommand.HeldOutRecord("f", 0.25, 202, 0.36, 0.44, 25);
        JsonNode after = json.valueToTree(record.scored(new TrainCommand.ScoresRecord(held, held,
                new TrainCommand.TextProbeRecord("p", 0.5, 0.5, 0.25, 40, Map.of("car", 1.0)))));
        assertThat(after.fieldNames()).toIterable().endsWith("machine", "heldOut", "heldOutFramesTrainingWording",
                "textProbe");
        assertThat(after.path("heldOut").path("classifiedFrames").asInt()).isEqualTo(202);
        assertThat(after.path("textProbe").path("byWord").path("car").asDouble()).isEqualTo(1.0);
    }
}
