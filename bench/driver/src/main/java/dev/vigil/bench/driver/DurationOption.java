package dev.vigil.bench.driver;

import dev.vigil.schema.DurationText;
import picocli.CommandLine.ITypeConverter;

import java.time.Duration;

/** A duration option ({@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h}, plain seconds) in vigil's one grammar. */
final class DurationOption implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        return DurationText.parse("value", value);
    }
}
