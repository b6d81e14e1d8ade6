package dev.seedforge.contracts;

import java.util.List;

/**
 * The validator's answer on {@code POST /checks/{jobId}}: whether one example passes the job's rule checks (format,
 * the job's format, tools, user rules; not the LLM judge), and why not.
 */
public record ExampleCheck(boolean accepted, List<Reason> reasons) {

    public ExampleCheck {
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
    }
}
