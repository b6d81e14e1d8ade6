package dev.seedforge.contracts;

/** Why a candidate was rejected: a stable code for counting, and a message a user can act on. */
public record Reason(String code, String message) {
}
