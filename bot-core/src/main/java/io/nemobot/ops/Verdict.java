package io.nemobot.ops;

import java.util.List;

/** The outcome of the readiness checks: ready when no check reported a problem. */
public record Verdict(List<String> problems) {
    public Verdict {
        if (problems == null) {
            throw new IllegalArgumentException("problems is null");
        }
        problems = List.copyOf(problems);
    }

    public boolean ready() {
        return problems.isEmpty();
    }
}
