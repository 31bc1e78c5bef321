package io.nemobot.reply;

import java.time.Duration;

/**
 * When the oldest changes a live reply has not shown yet were made, and so the time it asks the
 * {@link EditPacer} with (oldest first). Text a reader waits for (the acknowledgement and the final
 * text count as text) asks with its own time; a change nobody waits to read (the progress line
 * ticking, a full message losing it) asks later, so it goes when no text has waited that long.
 * Plain values: the caller passes the time ({@code nanoTime} values, compared by difference) and
 * holds the reply's lock.
 */
final class PendingChanges {
    /** How much later than a new text a change nobody waits to read asks the pacer for. */
    static final long COSMETIC_DELAY = Duration.ofMinutes(2).toNanos();
    /**
     * How much earlier than its time a final text asks when the thread's next message waits for it:
     * then it goes ahead of text still streaming elsewhere.
     */
    static final long FINAL_AHEAD = Duration.ofSeconds(30).toNanos();

    /** What waited when a call began, so that it keeps its place in line if the call did not show it all. */
    record Waited(boolean text, long textSince, boolean cosmetic, long cosmeticSince) {
    }

    private boolean textWaits;
    private long textSince;
    private boolean cosmeticWaits;
    private long cosmeticSince;

    /** Notes a change to show at {@code now}; {@code text}: one a reader waits for. */
    void changed(boolean text, long now) {
        if (text && !textWaits) {
            textWaits = true;
            textSince = now;
        } else if (!text && !cosmeticWaits) {
            cosmeticWaits = true;
            cosmeticSince = now;
        }
    }

    /**
     * The time to ask the pacer with: the oldest waiting text, else the oldest other change, later.
     * {@code hurriedFinal}: the final text is set and someone waits for it, so it asks as of
     * {@code finalAt} less {@link #FINAL_AHEAD}.
     */
    long askWith(long now, boolean hurriedFinal, long finalAt) {
        long cosmetic = cosmeticSince + COSMETIC_DELAY;
        if (hurriedFinal && (textWaits || cosmeticWaits)) {
            long ahead = finalAt - FINAL_AHEAD;
            return textWaits && textSince - ahead < 0 ? textSince : ahead;
        }
        if (textWaits) {
            return cosmeticWaits && cosmetic - textSince < 0 ? cosmetic : textSince;
        }
        return cosmeticWaits ? cosmetic : now + COSMETIC_DELAY;
    }

    /** A call begins: what waits now is what it shows, and what comes during it waits anew. */
    Waited take() {
        Waited waited = new Waited(textWaits, textSince, cosmeticWaits, cosmeticSince);
        clear();
        return waited;
    }

    /** All is shown. */
    void clear() {
        textWaits = false;
        cosmeticWaits = false;
    }

    /**
     * The call that began with {@code waited} returned and another is due ({@code nextShowsText}: it
     * shows text a reader waits for). What was not shown yet keeps its place in line. But when that
     * call showed all there was ({@code showedAll}) and the next one is for text that came during it,
     * that text waits from when it came (else the reply would jump the line after every call).
     */
    void keepPlace(Waited waited, boolean showedAll, boolean nextShowsText, long now) {
        if (nextShowsText && waited.text() && !(showedAll && textWaits)) {
            textWaits = true;
            textSince = waited.textSince();
        } else if (nextShowsText) {
            changed(true, now);
        } else if (waited.cosmetic() && !(cosmeticWaits && cosmeticSince - waited.cosmeticSince() < 0)) {
            cosmeticWaits = true;
            cosmeticSince = waited.cosmeticSince();
        } else {
            changed(false, now);
        }
    }
}
