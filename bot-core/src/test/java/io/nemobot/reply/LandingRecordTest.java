package io.nemobot.reply;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nemobot.chat.MessageHandle;
import io.nemobot.store.SettledMessage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The stored record of work whose reply lands later, with a list standing for the store. */
class LandingRecordTest {
    private final List<String> saved = new ArrayList<>();
    private final LandingRecord record = new LandingRecord(
            (open, settled) -> saved.add((open == null ? "none" : open.id()) + " after " + settled.size()));

    @Test
    void savedAtOnceAndAgainWhenEachMessageLands() {
        record.save();
        record.landed(new MessageHandle("m1"), List.of());
        record.landed(new MessageHandle("m2"), List.of(new SettledMessage("m1", "The first part.")));
        assertEquals(List.of("none after 0", "m1 after 0", "m2 after 1"), saved);
    }

    @Test
    void aFirstSaveAfterTheFirstLandingKeepsWhatLanded() {
        record.landed(new MessageHandle("m1"), List.of());
        record.save();
        assertEquals(List.of("m1 after 0", "m1 after 0"), saved, "never the older state over the newer");
    }

    @Test
    void nothingIsSavedOnceTheWorkEnded() {
        record.save();
        List<String> deleted = new ArrayList<>();
        record.end(() -> deleted.add("deleted"));
        record.landed(new MessageHandle("m1"), List.of());
        record.save();
        assertEquals(List.of("none after 0"), saved, "a late landing does not bring the record back");
        assertEquals(List.of("deleted"), deleted);
    }
}
