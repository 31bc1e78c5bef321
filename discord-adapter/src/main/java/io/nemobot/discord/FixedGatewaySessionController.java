package io.nemobot.discord;

import java.time.Duration;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.utils.SessionControllerAdapter;

/**
 * JDA's session controller with the gateway URL from {@code DISCORD_GATEWAY_URL}: JDA asks it for
 * the URL on every (re)connect that is not a resume (resumes use Discord's {@code resume_gateway_url}).
 * It also spaces the IDENTIFYs of a process's shards: Discord allows one every five seconds per
 * bot (with a {@code max_concurrency} of 1), which is JDA's default; tests against the fake gateway
 * pass a shorter spacing.
 */
final class FixedGatewaySessionController extends SessionControllerAdapter {
    /** Discord's spacing between two IDENTIFYs of one bot. */
    static final Duration IDENTIFY_SPACING = Duration.ofSeconds(IDENTIFY_DELAY);

    private final String gatewayUrl;
    private final Duration identifySpacing;

    FixedGatewaySessionController(String gatewayUrl) {
        this(gatewayUrl, IDENTIFY_SPACING);
    }

    FixedGatewaySessionController(String gatewayUrl, Duration identifySpacing) {
        this.gatewayUrl = gatewayUrl;
        this.identifySpacing = identifySpacing;
    }

    @Override
    public String getGateway() {
        return gatewayUrl;
    }

    @Override
    public ShardedGateway getShardedGateway(JDA api) {
        return new ShardedGateway(gatewayUrl, api.getShardInfo().getShardTotal());
    }

    @Override
    protected void runWorker() {
        synchronized (lock) {
            if (workerHandle == null) {
                workerHandle = new QueueWorker(identifySpacing.toMillis());
                workerHandle.start();
            }
        }
    }
}
