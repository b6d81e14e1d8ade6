package dev.seedforge.contracts;

/** A job's lifecycle, as announced on {@code job-events}. */
public enum JobStatus {
    PLANNED,
    APPROVED,
    GENERATING,
    /** Stopped early by the generator with a diagnosis; {@code POST /jobs/{id}/resume} continues it. */
    PAUSED,
    FINALIZING,
    COMPLETED,
    FAILED,
    CANCELLED;

    public boolean terminal() {
        return this == COMPLETED || this == FAILED || this == CANCELLED;
    }
}
