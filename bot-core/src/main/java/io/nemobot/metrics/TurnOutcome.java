package io.nemobot.metrics;

import java.util.Locale;

/** How a turn ended, as the {@code outcome} label of {@code nemo_turns_total}. */
public enum TurnOutcome {
    /** The reply was shown in full. */
    COMPLETED,
    /** The backend changed the project but said nothing; the bot showed what changed. */
    SILENT_EDIT,
    /** The stream was cut, and reading the session state showed that the change landed. */
    RECOVERED,
    /** The turn failed; the reason label says with which error code. */
    FAILED,
    /** A limit refused the turn before it started; the reason label names the limit. */
    REFUSED;

    /** The label value: lower case, e.g. {@code silent_edit}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
