package io.nemobot.discord.fake;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Fresh Discord ids: milliseconds since Discord's epoch in the high bits, so JDA reads the current
 * time from them (an interaction whose id says "long ago" is treated as expired), and a counter in
 * the low bits so every id is unique and ids grow.
 */
public final class Snowflakes {
    static final long DISCORD_EPOCH = 1420070400000L;
    private static final AtomicLong LAST = new AtomicLong();
    private static final AtomicLong HIGH = new AtomicLong();

    private Snowflakes() {
    }

    public static String next() {
        long fromTime = (System.currentTimeMillis() - DISCORD_EPOCH) << 22;
        return Long.toString(LAST.updateAndGet(last -> Math.max(last + 1, fromTime)));
    }

    /**
     * A server id Discord would route to the given shard ({@code (id >> 22) % total == shard}): a
     * time a few milliseconds back, and low bits counted down from the top so that it is unique.
     */
    public static String onShard(int shard, int total) {
        long time = (System.currentTimeMillis() - DISCORD_EPOCH) - total;
        time -= Math.floorMod(time - shard, total);
        return Long.toString(time << 22 | (0x3FFFFFL - HIGH.getAndIncrement()));
    }
}
