package dev.vigil.api.auth;

/** What an API key may do. Scopes are independent: an {@code admin} key that should also read needs {@code read}. */
public enum Scope {
    /** See cameras, status, timelines, keyframes, search results, watches and alerts. */
    READ,
    /** Ask questions ({@code /v1/ask}, chat completions) and create standing questions. */
    ASK,
    /** Add, change and delete cameras; delete anyone's watches. */
    ADMIN
}
