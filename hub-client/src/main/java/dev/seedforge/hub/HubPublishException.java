package dev.seedforge.hub;

/**
 * A push that did not publish. The message names the step that failed (creating the repository, asking the upload
 * mode, committing), the Hub's answer, and what was left behind; it never holds the token.
 */
public final class HubPublishException extends RuntimeException {

    private final String step;

    public HubPublishException(String step, String message) {
        super(message);
        this.step = step;
    }

    /** {@code token}, {@code files}, {@code create-repo}, {@code preupload}, {@code commit} or {@code network}. */
    public String step() {
        return step;
    }
}
