package io.nemobot.discord;

import io.nemobot.config.Settings;
import io.nemobot.discord.fake.FakeDiscord;
import io.nemobot.testing.RecordingConversations;
import io.nemobot.testing.CoreTime;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The adapter with the real JDA client connected to a fake Discord, a {@link RecordingConversations}
 * behind it in place of the core; both are closed after each test. JDA's own timers (gateway
 * heartbeats, reconnects, READY) are real and cannot be injected, so tests wait on conditions with a
 * deadline ({@link #WAIT}). Use as {@code @RegisterExtension final AdapterOnFake bot = new AdapterOnFake();}.
 */
final class AdapterOnFake implements AfterEachCallback {
    /** The longest real wait for anything (JDA's READY included). */
    static final Duration WAIT = CoreTime.WAIT;

    FakeDiscord discord;
    RecordingConversations core;
    DiscordAdapter adapter;

    /**
     * Starts a fake whose server grants everyone {@code permissions}, lets {@code beforeConnect} set it
     * up further, then connects an adapter to it.
     */
    void start(long permissions, Consumer<FakeDiscord> beforeConnect) {
        discord = FakeDiscord.start(permissions);
        beforeConnect.accept(discord);
        core = new RecordingConversations();
        adapter = new DiscordAdapter(Settings.of(discord.settings()), core, Clock.systemUTC(), WAIT);
        adapter.start();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (adapter != null) {
            adapter.close();
        }
        if (discord != null) {
            discord.close();
        }
    }
}
