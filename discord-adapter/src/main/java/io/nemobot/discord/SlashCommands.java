package io.nemobot.discord;

import io.nemobot.conversation.Messages;
import java.util.List;
import net.dv8tion.jda.api.interactions.DiscordLocale;
import net.dv8tion.jda.api.interactions.IntegrationType;
import net.dv8tion.jda.api.interactions.InteractionContextType;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.CommandData;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;
import net.dv8tion.jda.api.interactions.commands.build.SubcommandData;

/**
 * The bot's slash commands, as registered at startup. Their descriptions are the core's words:
 * English, with the Chinese ones as {@code zh-CN} localizations that Discord shows to users whose
 * client is set to Chinese.
 */
final class SlashCommands {
    static final String VIDEO = "video";
    static final String EXPORT = "export";
    static final String CREDITS = "credits";
    static final String STATUS = "status";
    static final String UPLOAD = "upload";
    static final String NEMO = "nemo";
    static final String HELP = "help";
    static final String PROMPT = "prompt";
    static final String FILE = "file";

    private static final Messages ENGLISH = Messages.of("en");
    private static final Messages CHINESE = Messages.of("zh");

    private SlashCommands() {
    }

    static List<CommandData> all() {
        return List.of(
                command(VIDEO).addOptions(option(OptionType.STRING, PROMPT, "discord.command.video.prompt")
                        .setMaxLength(4000)),
                command(EXPORT),
                command(CREDITS),
                command(STATUS),
                command(UPLOAD).addOptions(option(OptionType.ATTACHMENT, FILE, "discord.command.upload.file")),
                command(NEMO).addSubcommands(new SubcommandData(HELP, ENGLISH.get("discord.command.nemo.help"))
                        .setDescriptionLocalization(DiscordLocale.CHINESE_CHINA, CHINESE.get("discord.command.nemo.help"))));
    }

    private static SlashCommandData command(String name) {
        String key = "discord.command." + name;
        SlashCommandData command = Commands.slash(name, ENGLISH.get(key))
                .setDescriptionLocalization(DiscordLocale.CHINESE_CHINA, CHINESE.get(key));
        command.setContexts(InteractionContextType.GUILD, InteractionContextType.BOT_DM);
        command.setIntegrationTypes(IntegrationType.GUILD_INSTALL);
        return command;
    }

    private static OptionData option(OptionType type, String name, String key) {
        return new OptionData(type, name, ENGLISH.get(key), true)
                .setDescriptionLocalization(DiscordLocale.CHINESE_CHINA, CHINESE.get(key));
    }
}
