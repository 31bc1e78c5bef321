package io.nemobot.discord;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.IntStream;

/**
 * Which of the bot's gateway shards this process connects. Discord sends a server's events to shard
 * {@code (server_id >> 22) % total} and DMs to shard 0, so processes that split the shards between
 * them each see every event exactly once. With one shard in total (the default) the process holds
 * the whole bot on one connection, as before sharding existed.
 *
 * @param ids   the shards this process connects, ascending, each in {@code 0..total-1}
 * @param total how many shards the bot has across all processes ({@value DiscordAdapter#DISCORD_SHARD_TOTAL})
 */
record ShardPlan(List<Integer> ids, int total) {
    /** The single connection of an unsharded bot. */
    static final ShardPlan SINGLE = new ShardPlan(List.of(0), 1);

    ShardPlan {
        if (total < 1) {
            throw new IllegalArgumentException("total must be at least 1: " + total);
        }
        if (ids == null || ids.isEmpty()) {
            throw new IllegalArgumentException("ids must name at least one shard");
        }
        ids = List.copyOf(new TreeSet<>(ids));
        if (ids.get(0) < 0 || ids.get(ids.size() - 1) >= total) {
            throw new IllegalArgumentException("ids must lie in 0.." + (total - 1) + ": " + ids);
        }
    }

    /**
     * The plan from {@value DiscordAdapter#DISCORD_SHARDS} ({@code a-b} or {@code 0,2,5}; null or blank:
     * every shard) and {@value DiscordAdapter#DISCORD_SHARD_TOTAL} (null or blank: 1); throws listing
     * every problem (see {@link #problems}).
     */
    static ShardPlan parse(String shards, String total) {
        List<String> problems = problems(shards, total);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        int count = blank(total) ? 1 : Integer.parseInt(total.strip());
        return new ShardPlan(blank(shards) ? IntStream.range(0, count).boxed().toList() : ids(shards), count);
    }

    /** Every problem with the two settings, each naming the variable to set; empty when all is well. */
    static List<String> problems(String shards, String total) {
        List<String> problems = new ArrayList<>();
        int count = 1;
        if (!blank(total)) {
            count = total.strip().matches("\\d{1,5}") ? Integer.parseInt(total.strip()) : 0;
            if (count < 1) {
                problems.add(DiscordAdapter.DISCORD_SHARD_TOTAL + " must be a whole number of shards, 1 or more "
                        + "(the bot's shards across all processes), or unset for one: " + total);
                return problems;
            }
        }
        if (blank(shards)) {
            return problems;
        }
        List<Integer> ids = shards.strip().matches("\\d{1,5}-\\d{1,5}|\\d{1,5}(\\s*,\\s*\\d{1,5})*") ? ids(shards)
                : null;
        if (ids == null || ids.isEmpty()) {
            problems.add(DiscordAdapter.DISCORD_SHARDS + " must be a range such as 0-3 or a list such as 0,2,5 "
                    + "(the shards this process connects), or unset for all: " + shards);
        } else if (ids.get(ids.size() - 1) >= count) {
            problems.add(DiscordAdapter.DISCORD_SHARDS + "=" + shards.strip() + " names shards beyond "
                    + DiscordAdapter.DISCORD_SHARD_TOTAL + "=" + count + ": shard ids run from 0 to " + (count - 1));
        }
        return problems;
    }

    private static List<Integer> ids(String shards) {
        String text = shards.strip();
        if (text.contains("-")) {
            String[] ends = text.split("-");
            return IntStream.rangeClosed(Integer.parseInt(ends[0]), Integer.parseInt(ends[1])).boxed().toList();
        }
        return new TreeSet<>(List.of(text.split("\\s*,\\s*")).stream().map(Integer::parseInt).toList())
                .stream().toList();
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    /** Whether the bot is split into shards at all (else the process runs today's single connection). */
    boolean sharded() {
        return total > 1;
    }

    /** The shard Discord sends a server's events to. */
    int shardOf(long guildId) {
        return (int) ((guildId >>> 22) % total);
    }

    /**
     * Whether this process registers the global slash commands: the holder of shard 0 (the one that
     * also gets every DM), so exactly one process of a complete set of shards does it.
     */
    boolean registersGlobalCommands() {
        return ids.contains(0);
    }

    /**
     * Whether this process registers the commands of one server: the holder of that server's shard,
     * the only process that has the server in its cache and so can tell when the bot is not in it.
     */
    boolean registersCommandsOf(long guildId) {
        return ids.contains(shardOf(guildId));
    }

    @Override
    public String toString() {
        return ids + " of " + total;
    }
}
