package dev.vigil.api;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as people type them in requests: {@code 30s}, {@code 15m}, {@code 2h}, {@code 1d}. */
public final class DurationText {
    private static final Pattern FORM = Pattern.compile("(\\d{1,9})\\s*(ms|s|m|h|d)");

    private DurationText() {
    }

    /** The duration of {@code text}, or a 400 naming {@code field} and the accepted form. */
    public static Duration parse(String field, String text) {
        Matcher m = FORM.matcher(text == null ? "" : text.trim());
        if (!m.matches()) {
            throw ApiException.badRequest(field + " must look like 30s, 15m, 2h or 1d, got '" + abbreviate(text) + "'");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }

    /** {@code s} cut to 40 characters, for echoing user input in error messages. */
    public static String abbreviate(String s) {
        if (s == null) {
            return "";
        }
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }
}
