package io.nemobot.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nemobot.chat.ThreadKey;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** A fleet node's Slack adapter model paces by the live share, as the adapter's SlackBudgets does. */
class SlackPacingTest {
    private static final ThreadKey T = new ThreadKey("slack", "T1", "C1", "t1");
    private final AtomicReference<Double> share = new AtomicReference<>(1.0 / 3);
    private final SlackPacing pacing = new SlackPacing(Rules.slack(), share::get);

    private int takeAll(String method, ThreadKey key) {
        int n = 0;
        while (n < 1000 && pacing.tryTake(method, key)) {
            n++;
        }
        return n;
    }

    @Test
    void aThirdOfATierThenHalfOfItWhenTheShareIsReDivided() {
        // chat.startStream: 20 a minute per workspace; a third of it is 6
        assertEquals(6, takeAll("chat.startStream", T));
        share.set(0.5); // a process left: the same window now holds 10
        assertEquals(4, takeAll("chat.startStream", T));
        share.set(1.0 / 3); // one joined: nothing more until the window has fewer than 6
        assertFalse(pacing.hasRoom("chat.startStream", T));
        // another workspace has its own window
        assertEquals(6, takeAll("chat.startStream", new ThreadKey("slack", "T2", "C1", "t1")));
    }

    @Test
    void aLimitOfOneIsNotCutToNothing() {
        // chat.postMessage: 1 a second per channel; a third of it is still 1 (SlackBudgets' rule), not 1 per 3 s
        assertTrue(pacing.tryTake("chat.postMessage", T));
        assertFalse(pacing.tryTake("chat.postMessage", T));
        assertTrue(pacing.tryTake("chat.postMessage", new ThreadKey("slack", "T1", "C2", "t2")));
    }

    @Test
    void oneProcessAloneHasTheWholeTier() {
        share.set(1.0);
        assertEquals(100, takeAll("chat.appendStream", T));
    }
}
