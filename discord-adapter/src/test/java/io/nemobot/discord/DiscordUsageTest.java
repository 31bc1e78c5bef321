package io.nemobot.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nemobot.chat.IncomingMessage;
import io.nemobot.discord.fake.FakeDiscord;
import io.nemobot.discord.fake.FakeInteraction;
import io.nemobot.testing.RecordingConversations;
import java.time.Duration;
import net.dv8tion.jda.api.Permission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code /nemo usage} and the admin flag on messages, with the real JDA client against the fake Discord:
 * whether the asker administers the server is Discord's Manage Server permission, and the answer (the
 * core's) goes to the asker alone.
 */
class DiscordUsageTest {
    static final Duration WAIT = AdapterOnFake.WAIT;

    @RegisterExtension
    final AdapterOnFake bot = new AdapterOnFake();

    FakeDiscord discord;
    RecordingConversations core;

    private void start(long permissions) {
        // The owner has every permission: the check must rest on Manage Server.
        bot.start(permissions, FakeDiscord::ownedBySomeoneElse);
        discord = bot.discord;
        core = bot.core;
    }

    private String answer(FakeInteraction interaction) {
        return discord.await("the answer to /nemo usage", WAIT, () -> discord.message(interaction.originalId())
                .map(m -> m.content()).filter(c -> !c.isEmpty()));
    }

    @Test
    void aMemberWithManageServerGetsTheReportPrivately() {
        start(DiscordInvite.permissions() | Permission.MANAGE_SERVER.getRawValue());
        FakeInteraction usage = discord.subcommand(discord.textChannelId(), "nemo", "usage");
        assertEquals("USAGE REPORT for " + discord.guildId(), answer(usage));
        assertTrue(usage.ephemeral(), "figures per user are shown to the asker alone");
        assertTrue(core.usageAskers.get(0).admin());
    }

    @Test
    void aMemberWithoutManageServerIsToldItIsForAdminsAndTheirMessagesCarryNoAdminFlag() {
        start(DiscordInvite.permissions());
        FakeInteraction usage = discord.subcommand(discord.textChannelId(), "nemo", "usage");
        assertEquals("USAGE IS FOR ADMINS", answer(usage));
        assertTrue(usage.ephemeral());
        assertFalse(core.usageAskers.get(0).admin());

        discord.userMessage(discord.dmChannelId(), "usage");
        IncomingMessage typed = core.nextMessage(WAIT).message();
        assertEquals("usage", typed.text());
        assertFalse(typed.author().admin(), "in a DM nobody administers a server");
    }
}
