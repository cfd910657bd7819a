package dev.vigil.api;

import java.util.regex.Pattern;

/** What a camera id may look like in a request: safe in a URL path, a Kafka key and a log line. */
public final class CameraIds {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private CameraIds() {
    }

    /** {@code id} itself, or a 400 that says what a camera id may contain. */
    public static String check(String id) {
        if (id == null || !ID.matcher(id).matches() || id.contains("..")) {
            throw ApiException.badRequest("camera id must be 1-128 characters of letters, digits, '.', '_' or '-' "
                    + "starting with a letter or digit, got '" + ApiException.echo(id) + "'");
        }
        return id;
    }
}
