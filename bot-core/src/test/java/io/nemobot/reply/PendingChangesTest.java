package io.nemobot.reply;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The time a reply asks the pacer with, on plain numbers. */
class PendingChangesTest {
    private static final long S = Duration.ofSeconds(1).toNanos();
    private static final long LATER = PendingChanges.COSMETIC_DELAY;

    @Test
    void textAsksWithWhenItCameAndAProgressLineTwoMinutesLater() {
        PendingChanges text = new PendingChanges();
        text.changed(true, 10 * S);
        text.changed(true, 12 * S);
        assertEquals(10 * S, text.askWith(20 * S, false, 0), "the oldest text waiting");
        PendingChanges line = new PendingChanges();
        line.changed(false, 10 * S);
        assertEquals(10 * S + LATER, line.askWith(20 * S, false, 0));
        line.changed(true, 15 * S);
        assertEquals(15 * S, line.askWith(20 * S, false, 0), "text waiting goes by its own time");
    }

    @Test
    void aProgressLineWaitingLongerThanNewTextGoesFirst() {
        PendingChanges changes = new PendingChanges();
        changes.changed(false, 0);
        changes.changed(true, LATER + 5 * S);
        assertEquals(LATER, changes.askWith(LATER + 6 * S, false, 0));
    }

    @Test
    void aFinalTextSomeoneWaitsForAsksAheadOfItsTime() {
        PendingChanges changes = new PendingChanges();
        changes.changed(true, 100 * S);
        assertEquals(100 * S - PendingChanges.FINAL_AHEAD, changes.askWith(101 * S, true, 100 * S));
        PendingChanges older = new PendingChanges();
        older.changed(true, 10 * S);
        assertEquals(10 * S, older.askWith(101 * S, true, 100 * S), "text older than that keeps its time");
    }

    @Test
    void whatACallDidNotShowKeepsItsPlaceInLine() {
        PendingChanges changes = new PendingChanges();
        changes.changed(true, 10 * S);
        PendingChanges.Waited waited = changes.take();
        changes.changed(true, 30 * S); // came during the call
        changes.keepPlace(waited, false, true, 31 * S);
        assertEquals(10 * S, changes.askWith(31 * S, false, 0), "the call showed only part of what waited");
    }

    @Test
    void textThatCameDuringACallThatShowedAllWaitsFromWhenItCame() {
        PendingChanges changes = new PendingChanges();
        changes.changed(true, 10 * S);
        PendingChanges.Waited waited = changes.take();
        changes.changed(true, 30 * S);
        changes.keepPlace(waited, true, true, 31 * S);
        assertEquals(30 * S, changes.askWith(31 * S, false, 0), "no jumping the line after every call");
    }

    @Test
    void nothingWaitingAsksLate() {
        PendingChanges changes = new PendingChanges();
        changes.changed(true, 10 * S);
        changes.clear();
        assertEquals(50 * S + LATER, changes.askWith(50 * S, false, 0));
    }
}
