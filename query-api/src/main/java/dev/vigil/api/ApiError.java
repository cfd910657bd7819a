package dev.vigil.api;

/**
 * Every error body the API sends: a short, stable {@code error} and a {@code detail} that says what is wrong
 * and, where it helps, what to do. Never a stack trace.
 */
public record ApiError(String error, String detail) {
}
