package dev.vigil.api.memory;

import dev.vigil.api.ApiException;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the API names one clip in URLs: {@code <clipIndex>-<startMillis>}. The start makes the lookup one
 * range scan in TokenMemory; the index tells apart the clips a consolidated entry covers.
 *
 * @param clipIndex the clip's index in its camera's stream
 * @param start     the clip's (or its entry's) start, epoch millis
 */
public record ClipId(long clipIndex, long start) {
    private static final Pattern FORM = Pattern.compile("(\\d{1,18})-(\\d{1,18})");

    /** The clip id in a URL, or a 400 (this is what stops {@code ..}, slashes and other path tricks). */
    public static ClipId parse(String text) {
        Matcher m = FORM.matcher(text == null ? "" : text);
        if (!m.matches()) {
            throw ApiException.badRequest("clipId must look like <clipIndex>-<startMillis> (digits only), got '"
                    + ApiException.echo(text) + "'");
        }
        return new ClipId(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)));
    }

    @Override
    public String toString() {
        return clipIndex + "-" + start;
    }
}
