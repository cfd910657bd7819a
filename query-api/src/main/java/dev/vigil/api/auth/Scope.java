package dev.vigil.api.auth;

import java.util.Arrays;
import java.util.Locale;

/** What an API key may do. Scopes are independent: an {@code admin} key that should also read needs {@code read}. */
public enum Scope {
    /** See cameras, status, timelines, keyframes, search results, watches and alerts. */
    READ,
    /** Ask questions ({@code /v1/ask}, chat completions) and create standing questions. */
    ASK,
    /** Add, change and delete cameras; delete anyone's watches; create, list and revoke keys. */
    ADMIN;

    /** The name clients use: {@code read}, {@code ask}, {@code admin}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The scope a client named, or an {@link IllegalArgumentException} listing the names there are. */
    public static Scope of(String label) {
        return Arrays.stream(values()).filter(s -> s.label().equals(label)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("scope must be read, ask or admin, got '"
                        + (label == null ? "null" : label.length() > 40 ? label.substring(0, 40) + "…" : label) + "'"));
    }
}
