package dev.vigil.schema;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The grammar of durations wherever people type them: camera specs ({@code synthcam://…?duration=2m}, needle
 * times), API requests ({@code last=15m}, a watch's {@code cooldown}) and command-line options
 * ({@code --duration 90s}). It lives here because schemas is the one module that ingest, the query API and the
 * tools all depend on.
 *
 * <p>A duration is a non-negative number, whole or decimal, then optionally a unit: {@code ms}, {@code s},
 * {@code m}, {@code h} or {@code d} (case and a space before the unit do not matter). A bare number is
 * seconds. Examples: {@code 500ms}, {@code 30s}, {@code 1.5s}, {@code 15m}, {@code 2h}, {@code 1d}, {@code 90}.
 */
public final class DurationText {
    /** The accepted forms, as error messages name them. */
    public static final String FORMS = "a number with a unit ms, s, m, h or d (500ms, 30s, 1.5m, 2h, 1d) or plain seconds";

    private static final Pattern FORM = Pattern.compile("(\\d{1,12}(?:\\.\\d{1,9})?)\\s*(ms|s|m|h|d)?");
    private static final int ECHO_LIMIT = 40;

    private DurationText() {
    }

    /**
     * The duration {@code text} stands for.
     *
     * @param field what the text was given as, named in the error (e.g. {@code cooldown}, {@code duration})
     * @throws IllegalArgumentException naming the field, what was given and the accepted forms
     */
    public static Duration parse(String field, String text) {
        Matcher m = FORM.matcher(text == null ? "" : text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException(field + " must be a duration: " + FORMS + "; got '" + echo(text) + "'");
        }
        long unitNanos = switch (m.group(2) == null ? "s" : m.group(2)) {
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            case "h" -> 3_600_000_000_000L;
            default -> 86_400_000_000_000L;
        };
        // Exact decimal arithmetic: 1.5m is 90 s, and 12 digits of days still fit a Duration.
        BigDecimal[] secondsAndNanos = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unitNanos))
                .setScale(0, RoundingMode.HALF_UP).divideAndRemainder(BigDecimal.valueOf(1_000_000_000L));
        return Duration.ofSeconds(secondsAndNanos[0].longValueExact(), secondsAndNanos[1].longValueExact());
    }

    private static String echo(String text) {
        if (text == null) {
            return "";
        }
        return text.length() <= ECHO_LIMIT ? text : text.substring(0, ECHO_LIMIT) + "…";
    }
}
