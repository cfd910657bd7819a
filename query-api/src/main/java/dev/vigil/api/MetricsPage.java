package dev.vigil.api;

import dev.vigil.api.auth.Access;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * {@code /metrics} as one caller may see it. Series labelled with a camera ({@code camera="…"}: ingest's frame
 * counters, lags, states) name every camera of the installation, so unless per-camera metrics are public a caller
 * without a key gets only the series without that label, and a caller with a key ({@code Authorization: Bearer})
 * only those of the cameras the key may see.
 */
final class MetricsPage {
    private static final Pattern CAMERA = Pattern.compile("[{,]camera=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final boolean publicCameraSeries;

    MetricsPage(boolean publicCameraSeries) {
        this.publicCameraSeries = publicCameraSeries;
    }

    /** The Prometheus text {@code scrape} as {@code caller} (empty: no key) may see it. */
    String render(String scrape, Optional<Access> caller) {
        if (publicCameraSeries) {
            return scrape;
        }
        return scrape.lines().filter(line -> visible(line, caller)).collect(Collectors.joining("\n", "", "\n"));
    }

    private static boolean visible(String line, Optional<Access> caller) {
        if (line.startsWith("#")) {
            return true;
        }
        Matcher m = CAMERA.matcher(line);
        return !m.find() || caller.map(a -> a.canSee(m.group(1).replace("\\\"", "\"").replace("\\\\", "\\"))).orElse(false);
    }
}
