package io.nemobot.discord;

import java.time.Duration;
import java.util.List;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.SelfUser;
import net.dv8tion.jda.api.sharding.ShardManager;

/**
 * The gateway connections this process holds: one JDA client when the bot is not sharded, or a
 * ShardManager's shards. The adapter asks them the same questions either way: are all up, which
 * server is where, who is the bot, and shut everything down.
 */
final class GatewaySessions {
    private final JDA single;
    private final ShardManager manager;
    private final int expected;

    private GatewaySessions(JDA single, ShardManager manager, int expected) {
        this.single = single;
        this.manager = manager;
        this.expected = expected;
    }

    static GatewaySessions of(JDA jda) {
        return new GatewaySessions(jda, null, 1);
    }

    static GatewaySessions of(ShardManager manager, int shards) {
        return new GatewaySessions(null, manager, shards);
    }

    /** The clients, one per shard this process holds. */
    List<JDA> shards() {
        return single != null ? List.of(single) : manager.getShards();
    }

    /** Whether every shard this process holds has its session up. */
    boolean connected() {
        List<JDA> shards = shards();
        return shards.size() == expected && shards.stream().allMatch(jda -> jda.getStatus() == JDA.Status.CONNECTED);
    }

    /** The server from the cache of whichever shard holds it, or null. */
    Guild guild(String id) {
        return single != null ? single.getGuildById(id) : manager.getGuildById(id);
    }

    /** Any one client, for calls that are the same on every shard (global commands, the bot's user). */
    JDA any() {
        return shards().get(0);
    }

    SelfUser self() {
        return any().getSelfUser();
    }

    long guildCount() {
        return single != null ? single.getGuildCache().size() : manager.getGuildCache().size();
    }

    /** Closes every connection at once (a failed start). */
    void shutdownNow() {
        List<JDA> shards = shards();
        if (manager != null) {
            manager.shutdown();
        }
        shards.forEach(JDA::shutdownNow);
    }

    /** Closes every connection, waiting up to {@code wait} per shard before forcing it. */
    void shutdown(Duration wait) {
        List<JDA> shards = shards();
        if (single != null) {
            single.shutdown();
        } else {
            manager.shutdown();
        }
        for (JDA shard : shards) {
            try {
                if (!shard.awaitShutdown(wait)) {
                    shard.shutdownNow();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                shard.shutdownNow();
            }
        }
    }
}
