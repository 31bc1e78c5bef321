package io.nemobot.conversation;

/**
 * What the conversation core keeps per thread, user, event or render right now. Every count falls
 * back to zero once the bot has been quiet long enough (the longest: event ids, two hours; retry
 * offers, twelve hours), so a long run's memory stays flat; a soak test reads it.
 *
 * @param lanes        threads with work running or queued
 * @param runningTurns chat turns running
 * @param renders      renders being followed
 * @param activeUsers  users with work running or queued
 * @param rateBuckets  platform rate buckets held (one per budget and scope)
 * @param seenEvents   event ids remembered against redelivery
 * @param retryOffers  Retry buttons still good
 */
public record Footprint(int lanes, int runningTurns, int renders, int activeUsers, int rateBuckets, long seenEvents,
        long retryOffers) {
    public Footprint {
        if (lanes < 0 || runningTurns < 0 || renders < 0 || activeUsers < 0 || rateBuckets < 0 || seenEvents < 0
                || retryOffers < 0) {
            throw new IllegalArgumentException("counts must not be negative: lanes " + lanes + ", runningTurns "
                    + runningTurns + ", renders " + renders + ", activeUsers " + activeUsers + ", rateBuckets "
                    + rateBuckets + ", seenEvents " + seenEvents + ", retryOffers " + retryOffers);
        }
    }

    /** Whether nothing is kept at all. */
    public boolean empty() {
        return lanes == 0 && runningTurns == 0 && renders == 0 && activeUsers == 0 && rateBuckets == 0
                && seenEvents == 0 && retryOffers == 0;
    }
}
