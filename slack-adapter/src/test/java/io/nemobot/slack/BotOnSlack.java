package io.nemobot.slack;

import io.nemobot.config.Settings;
import io.nemobot.core.BotCore;
import io.nemobot.slack.fake.FakeSlack;
import io.nemobot.slack.fake.SignedRequests;
import io.nemobot.testing.CoreTime;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The whole bot on Slack for an end-to-end test: the real core on the test's {@link CoreTime} and the
 * real Bolt app in HTTP mode, writing into a {@link FakeSlack}. The adapter reads the same clock (its
 * rate budgets, stream ages, idle streams); its own scheduler stays real because it also runs the
 * inbox's event handling, which must not wait for the test to move time. One place for the wiring the
 * Slack end-to-end tests share.
 */
final class BotOnSlack implements AutoCloseable {
    final BotCore core;
    final SlackAdapter adapter;
    /** Signs and sends Slack's requests to the adapter's port. */
    final SignedRequests slack;

    private BotOnSlack(BotCore core, SlackAdapter adapter) {
        this.core = core;
        this.adapter = adapter;
        this.slack = new SignedRequests(adapter.httpPort().orElseThrow());
    }

    /** The settings a test bot needs: the simulator, the store, the fake's URL and fake credentials. */
    static Map<String, String> env(String nemoUrl, Path data, FakeSlack fake) {
        Map<String, String> env = new HashMap<>();
        env.put("NEMO_API_BASE", nemoUrl);
        env.put("NEMO_BOT_DATA", data.toString());
        env.put("NEMO_MENTION_AFTER", "0s");
        env.put("SLACK_BOT_TOKEN", FakeSlack.BOT_TOKEN);
        env.put("SLACK_SIGNING_SECRET", SignedRequests.SIGNING_SECRET);
        env.put("SLACK_PORT", "0");
        env.put("SLACK_API_URL", fake.apiUrl());
        return env;
    }

    /** Starts a core and the adapter on {@code time} (a second start on the same store finds the first's). */
    static BotOnSlack start(CoreTime time, Map<String, String> env, SlackOptions options) {
        Settings settings = Settings.of(env);
        BotCore core = time.drive(BotCore.builder().settings(settings)).build();
        SlackAdapter adapter = new SlackAdapter(settings, core.conversations(), options.withClock(time.clock()));
        core.register(adapter.platform());
        core.start();
        adapter.start();
        return new BotOnSlack(core, adapter);
    }

    /** The bot goes away, the Bolt app and the core with it, without a last edit (as in a crash). */
    @Override
    public void close() {
        adapter.close();
        core.close();
    }
}
