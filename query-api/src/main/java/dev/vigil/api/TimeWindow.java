package dev.vigil.api;

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

    private static long instant(String field, String text) {
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
