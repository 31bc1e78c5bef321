package io.nemobot.discord;

import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.utils.SessionControllerAdapter;

/**
 * JDA's session controller with the gateway URL from {@code DISCORD_GATEWAY_URL}: JDA asks it for
 * the URL on every (re)connect that is not a resume (resumes use Discord's {@code resume_gateway_url}).
 */
final class FixedGatewaySessionController extends SessionControllerAdapter {
    private final String gatewayUrl;

    FixedGatewaySessionController(String gatewayUrl) {
        this.gatewayUrl = gatewayUrl;
    }

    @Override
    public String getGateway() {
        return gatewayUrl;
    }

    @Override
    public ShardedGateway getShardedGateway(JDA api) {
        return new ShardedGateway(gatewayUrl, 1);
    }
}
