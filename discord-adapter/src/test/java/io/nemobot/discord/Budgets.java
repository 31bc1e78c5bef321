package io.nemobot.discord;

import io.nemobot.discord.fake.RecordedCall;
import java.time.Duration;
import java.util.List;

/** Checks recorded calls against a rate limit. */
final class Budgets {
    private Budgets() {
    }

    /** Whether no window of the given length holds more than {@code permits} of the calls. */
    static boolean respected(List<RecordedCall> calls, int permits, Duration window) {
        for (RecordedCall first : calls) {
            long inWindow = calls.stream().filter(call -> !call.at().isBefore(first.at())
                    && call.at().isBefore(first.at().plus(window))).count();
            if (inWindow > permits) {
                return false;
            }
        }
        return true;
    }
}
