package io.nemobot.slack.outbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.slack.api.methods.response.chat.ChatUpdateResponse;
import io.nemobot.chat.ThreadKey;
import io.nemobot.testing.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The table of Web API limits and the rolling windows that keep to it. */
class SlackTiersTest {
    private static final ThreadKey ONE = new ThreadKey("slack", "T1", "C1", "1.1");
    private static final ThreadKey OTHER_CHANNEL = new ThreadKey("slack", "T1", "C2", "1.2");
    private static final ThreadKey OTHER_WORKSPACE = new ThreadKey("slack", "T2", "C1", "1.3");

    @Test
    void theTableHoldsSlacksTiers() {
        SlackTiers tiers = SlackTiers.slack();
        assertEquals(new SlackTier("chat.startStream", 20, Duration.ofMinutes(1), false), tiers.tier("chat.startStream"));
        assertEquals(20, tiers.tier("chat.stopStream").permits());
        assertEquals(50, tiers.tier("chat.update").permits());
        assertEquals(100, tiers.tier("chat.appendStream").permits());
        assertTrue(tiers.tier("chat.postMessage").perChannel());
        assertTrue(tiers.of("assistant.threads.setStatus").isPresent());
        assertTrue(tiers.of("files.info").isPresent());
    }

    @Test
    void configOverridesSomeMethodsAndKeepsTheRest() {
        SlackTiers tiers = SlackTiers.parse("chat.update=40/60s, chat.postMessage=2/1s/channel,chat.appendStream=5/1m");
        assertEquals(new SlackTier("chat.update", 40, Duration.ofSeconds(60), false), tiers.tier("chat.update"));
        assertEquals(new SlackTier("chat.postMessage", 2, Duration.ofSeconds(1), true), tiers.tier("chat.postMessage"));
        assertEquals(Duration.ofMinutes(1), tiers.tier("chat.appendStream").period());
        assertEquals(20, tiers.tier("chat.startStream").permits());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> SlackTiers.parse("chat.update=fifty"));
        assertTrue(bad.getMessage().contains("SLACK_RATE_LIMITS"), bad.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SlackTiers.parse("chat.update=5/60"));
    }

    @Test
    void aWindowCountsPerMethodPerWorkspaceAndPostsPerChannel() {
        MutableClock clock = new MutableClock();
        SlackBudgets budgets = new SlackBudgets(SlackTiers.parse("chat.stopStream=2/10s"), clock);
        assertTrue(call(budgets, "chat.stopStream", ONE));
        assertTrue(call(budgets, "chat.stopStream", OTHER_CHANNEL));
        assertFalse(call(budgets, "chat.stopStream", ONE), "the workspace's two are spent, whatever the channel");
        assertTrue(call(budgets, "chat.stopStream", OTHER_WORKSPACE), "another workspace has its own");
        assertTrue(call(budgets, "chat.update", ONE), "another method has its own");
        assertTrue(call(budgets, "chat.postMessage", ONE));
        assertFalse(call(budgets, "chat.postMessage", ONE));
        assertTrue(call(budgets, "chat.postMessage", OTHER_CHANNEL), "posts count per channel");

        clock.advance(Duration.ofSeconds(10).plusMillis(300));
        assertTrue(call(budgets, "chat.stopStream", ONE), "the window rolled on");
    }

    @Test
    void aCallStillOnItsWayKeepsItsPlaceInTheWindow() {
        MutableClock clock = new MutableClock();
        SlackBudgets budgets = new SlackBudgets(SlackTiers.parse("chat.update=1/1s"), clock);
        assertTrue(budgets.tryTake("chat.update", ONE));
        clock.advance(Duration.ofSeconds(5));
        assertFalse(budgets.hasRoom("chat.update", ONE), "Slack may not have counted it yet");
        budgets.taken("chat.update", ONE, () -> {
            clock.advance(Duration.ofMillis(100));
            return ok();
        });
        assertFalse(budgets.hasRoom("chat.update", ONE), "it counts from when it returned");
        clock.advance(Duration.ofSeconds(1).plusMillis(250));
        assertTrue(budgets.hasRoom("chat.update", ONE));
    }

    @Test
    void aProcessKeepsToItsShareOfEachLimitAndTakesMoreWhenTheOthersLeave() {
        MutableClock clock = new MutableClock();
        double[] share = {0.5};
        SlackBudgets budgets = new SlackBudgets(SlackTiers.parse("chat.update=4/10s,chat.stopStream=1/10s"), clock,
                () -> share[0]);
        assertTrue(call(budgets, "chat.update", ONE));
        assertTrue(call(budgets, "chat.update", ONE));
        assertFalse(call(budgets, "chat.update", ONE), "one of two processes: 2 of the workspace's 4");
        assertTrue(call(budgets, "chat.stopStream", ONE), "a share never rounds a limit down to nothing");
        share[0] = 1.0;
        assertTrue(call(budgets, "chat.update", ONE), "the other process left: the whole limit, at once");
        assertTrue(call(budgets, "chat.update", ONE));
        assertFalse(call(budgets, "chat.update", ONE));
    }

    @Test
    void aRefusalClosesTheMethodUntilRetryAfter() {
        MutableClock clock = new MutableClock();
        SlackBudgets budgets = new SlackBudgets(SlackTiers.slack(), clock);
        budgets.refused("chat.update", ONE, Duration.ofSeconds(3));
        assertFalse(budgets.hasRoom("chat.update", ONE));
        assertEquals(Duration.ofSeconds(3), budgets.untilRoom("chat.update", ONE));
        assertTrue(budgets.hasRoom("chat.appendStream", ONE));
        clock.advance(Duration.ofSeconds(3));
        assertTrue(budgets.hasRoom("chat.update", ONE));
    }

    /** A call of {@code method} as the adapter makes one: a permit if there is room, then the call. */
    private static boolean call(SlackBudgets budgets, String method, ThreadKey key) {
        if (!budgets.tryTake(method, key)) {
            return false;
        }
        budgets.taken(method, key, SlackTiersTest::ok);
        return true;
    }

    private static ChatUpdateResponse ok() {
        ChatUpdateResponse response = new ChatUpdateResponse();
        response.setOk(true);
        return response;
    }
}
