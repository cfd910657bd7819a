package dev.vigil.schema.cameras;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one grammar of credentials in camera URLs, used wherever a URL or a text that may hold one leaves a
 * process: ingest's {@code RedactedUrl} (every log line and camera status) and the API's camera {@code url}.
 * It lives here because both modules depend on {@code schemas} and on nothing else in common.
 *
 * <p>What is masked:
 * <ul>
 *   <li>user info: everything between {@code scheme://} and the <em>last</em> {@code @} before the path, so a
 *       password holding {@code @}, {@code :}, {@code ?}, {@code #} or {@code %40} is masked whole (FFmpeg splits
 *       user info at the last {@code @} too); the user name goes with it;</li>
 *   <li>the value of every query or fragment parameter whose name contains a secret-like word ({@code token},
 *       {@code pass}, {@code pwd}, {@code secret}, {@code key}, {@code auth}, {@code sig}, {@code credential},
 *       {@code session}): {@code ?token=}, {@code &password=}, {@code apikey}, {@code access_token},
 *       {@code X-Amz-Signature}, … Masking a harmless parameter by mistake costs nothing; missing a secret does.</li>
 * </ul>
 */
public final class CredentialMask {
    /** The masked part's stand-in. */
    public static final String MASK = "***";

    private static final Pattern USER_INFO = Pattern.compile("(?i)((?:\\b[a-z][a-z0-9+.-]*:)?//)([^/\\s\"'<>]*)@");
    private static final Pattern SECRET_PARAM = Pattern.compile(
            "(?i)([?&;#][^=&#\\s\"'<>]*?(?:token|passw|pass|pwd|secret|key|auth|sig|credential|session)[^=&#\\s\"'<>]*=)"
                    + "[^&#\\s\"'<>]*");

    private CredentialMask() {
    }

    /** {@code text} with the credentials of every URL in it masked; null stays null. */
    public static String mask(String text) {
        if (text == null) {
            return null;
        }
        String out = USER_INFO.matcher(text).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MASK + "@"));
        return SECRET_PARAM.matcher(out).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MASK));
    }

    /**
     * One camera URL with its credentials masked: as {@link #mask}, and since this text is a single URL, user info
     * also runs to the last {@code @} before the query even when the password holds a raw {@code /} (which no
     * scanner of free text can tell from a path).
     */
    public static String maskUrl(String url) {
        if (url == null) {
            return null;
        }
        String out = url;
        int scheme = url.indexOf("://");
        if (scheme > 0) {
            int from = scheme + 3;
            int end = url.length();
            for (char c : new char[]{'?', '#'}) {
                int i = url.indexOf(c, from);
                if (i >= 0 && i < end) {
                    end = i;
                }
            }
            int at = url.lastIndexOf('@', end - 1);
            if (at >= from) {
                out = url.substring(0, from) + MASK + url.substring(at);
            }
        }
        return mask(out);
    }

    /**
     * The password of a URL's user info, raw and as it would read percent-decoded, for removing it from text that
     * quotes it without the URL around it (a library's error message); empty when there is none.
     */
    public static java.util.List<String> passwords(String url) {
        Matcher m = USER_INFO.matcher(url);
        if (!m.find()) {
            return java.util.List.of();
        }
        String info = m.group(2);
        int colon = info.indexOf(':');
        if (colon < 0 || colon == info.length() - 1) {
            return java.util.List.of();
        }
        String raw = info.substring(colon + 1);
        String decoded;
        try {
            decoded = java.net.URLDecoder.decode(raw.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            decoded = raw;
        }
        return decoded.equals(raw) ? java.util.List.of(raw) : java.util.List.of(raw, decoded);
    }
}
