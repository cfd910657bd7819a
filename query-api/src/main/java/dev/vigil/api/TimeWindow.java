package dev.vigil.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.schema.DurationText;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The event-time window a request asks about, epoch millis, both ends inclusive.
 *
 * @param from earliest event time
 * @param to   latest event time
 */
public record TimeWindow(long from, long to) {
    /** The widest window: everything memory holds. */
    public static final TimeWindow ALL = new TimeWindow(0, Long.MAX_VALUE / 2);

    /**
     * The window of a request: {@code last} (e.g. {@code 15m}, ending now) or {@code from}/{@code to} (ISO-8601
     * instants such as {@code 2025-01-01T12:00:00Z}, or epoch millis); either end may be left open.
     */
    public static TimeWindow of(String from, String to, String last, Clock clock) {
        if (last != null && !last.isBlank()) {
            if (from != null || to != null) {
                throw ApiException.badRequest("give either last or from/to, not both");
            }
            long now = clock.millis();
            long back;
            try {
                back = ApiException.orBadRequest(() -> DurationText.parse("last", last)).toMillis();
            } catch (ArithmeticException e) {
                throw ApiException.badRequest("last is too long: '" + ApiException.echo(last) + "'");
            }
            return new TimeWindow(Math.max(0, now - back), now);
        }
        long f = from == null || from.isBlank() ? ALL.from : instant("from", from);
        long t = to == null || to.isBlank() ? ALL.to : instant("to", to);
        if (f > t) {
            throw ApiException.badRequest("the time range is inverted: from " + from + " is after to " + to);
        }
        return new TimeWindow(f, t);
    }

    /** The window in words, for answers: {@code in all stored memory}, {@code between <from> and <to>}, … */
    public String describe() {
        boolean openFrom = from <= ALL.from;
        boolean openTo = to >= ALL.to;
        if (openFrom && openTo) {
            return "in all stored memory";
        }
        if (openFrom) {
            return "before " + Instant.ofEpochMilli(to);
        }
        if (openTo) {
            return "since " + Instant.ofEpochMilli(from);
        }
        return "between " + Instant.ofEpochMilli(from) + " and " + Instant.ofEpochMilli(to);
    }

    /**
     * A time field of a JSON body as text: an ISO-8601 string or epoch millis as a whole number (both documented),
     * null when absent; anything else is a 400 naming the field.
     */
    public static String text(String field, JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return null;
        }
        if (value.isTextual()) {
            return value.asText();
        }
        if (value.isIntegralNumber() && value.canConvertToLong() && value.asLong() >= 0) {
            return Long.toString(value.asLong());
        }
        throw ApiException.badRequest("field '" + field + "' must be an ISO-8601 instant string or epoch millis"
                + " (a whole number >= 0)");
    }

    /**
     * An instant a client sent (ISO-8601 or epoch millis) as epoch millis, or a 400 naming {@code field}.
     */
    public static long instant(String field, String text) {
        String s = text.trim();
        if (s.matches("\\d{1,15}")) {
            return Long.parseLong(s);
        }
        try {
            return Instant.parse(s).toEpochMilli();
        } catch (ArithmeticException e) {
            throw ApiException.badRequest(field + " is out of range (a time within ±292 million years of 1970), got '"
                    + ApiException.echo(text) + "'");
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(field + " must be an ISO-8601 instant (2025-01-01T12:00:00Z) or epoch millis, got '"
                    + ApiException.echo(text) + "'");
        }
    }
}
