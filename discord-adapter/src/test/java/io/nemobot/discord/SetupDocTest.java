package io.nemobot.discord;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nemobot.words.Messages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.dv8tion.jda.api.Permission;
import org.junit.jupiter.api.Test;

/** SETUP.md says what the code does: the same invite permissions, every variable, the intent. */
class SetupDocTest {
    static final Path SETUP = Path.of("SETUP.md");

    @Test
    void theInviteLinkHasExactlyThePermissionsTheBotUses() throws IOException {
        String setup = Files.readString(SETUP);
        Matcher link = Pattern.compile("permissions=(\\d+)").matcher(setup);
        assertTrue(link.find(), "SETUP.md has an invite link");
        assertTrue(link.group(1).equals(Long.toString(DiscordInvite.permissions())),
                "SETUP.md says " + link.group(1) + ", the code uses " + DiscordInvite.permissions());
        assertTrue(setup.contains(DiscordInvite.url("APPLICATION_ID")));
        for (Permission permission : DiscordInvite.PERMISSIONS) {
            assertTrue(setup.contains("| " + permission.getName() + " | 1 << " + permission.getOffset() + " | "
                    + permission.getRawValue() + " |"), permission.getName() + " is explained in the table");
        }
    }

    @Test
    void everyVariableAndThePrivilegedIntentAreExplained() throws IOException {
        String setup = Files.readString(SETUP);
        for (String variable : List.of(DiscordAdapter.DISCORD_TOKEN, DiscordAdapter.DISCORD_GUILD_ID,
                DiscordAdapter.DISCORD_API_URL, DiscordAdapter.DISCORD_GATEWAY_URL)) {
            assertTrue(setup.contains("| `" + variable + "` |"), variable);
        }
        assertTrue(setup.contains("Message Content Intent"));
        assertTrue(setup.contains(DiscordConfig.DEFAULT_API_URL) && setup.contains(DiscordConfig.DEFAULT_GATEWAY_URL));
        for (var command : SlashCommands.all(Messages.WORDS)) {
            assertTrue(setup.contains("`/" + command.getName()), "/" + command.getName() + " is in the usage table");
        }
    }
}
