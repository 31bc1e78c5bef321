package io.nemobot.discord;

import io.nemobot.chat.Words;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
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
    static final String USAGE = "usage";
    static final String PROMPT = "prompt";
    static final String FILE = "file";

    private static final Optional<Locale> ENGLISH = Optional.of(Locale.ENGLISH);
    private static final Optional<Locale> CHINESE = Optional.of(Locale.SIMPLIFIED_CHINESE);

    private SlashCommands() {
    }

    static List<CommandData> all(Words words) {
        String help = "discord.command.nemo.help";
        String usage = "discord.command.nemo.usage";
        return List.of(
                command(words, VIDEO).addOptions(option(words, OptionType.STRING, PROMPT, "discord.command.video.prompt")
                        .setMaxLength(4000)),
                command(words, EXPORT),
                command(words, CREDITS),
                command(words, STATUS),
                command(words, UPLOAD).addOptions(option(words, OptionType.ATTACHMENT, FILE, "discord.command.upload.file")),
                command(words, NEMO).addSubcommands(new SubcommandData(HELP, words.get(help, ENGLISH, ""))
                        .setDescriptionLocalization(DiscordLocale.CHINESE_CHINA, words.get(help, CHINESE, "")),
                        new SubcommandData(USAGE, words.get(usage, ENGLISH, ""))
                        .setDescriptionLocalization(DiscordLocale.CHINESE_CHINA, words.get(usage, CHINESE, ""))));
    }

    private static SlashCommandData command(Words words, String name) {
        String key = "discord.command." + name;
        SlashCommandData command = Commands.slash(name, words.get(key, ENGLISH, ""))
                .setDescriptionLocalization(DiscordLocale.CHINESE_CHINA, words.get(key, CHINESE, ""));
        command.setContexts(InteractionContextType.GUILD, InteractionContextType.BOT_DM);
        command.setIntegrationTypes(IntegrationType.GUILD_INSTALL);
        return command;
    }

    private static OptionData option(Words words, OptionType type, String name, String key) {
        return new OptionData(type, name, words.get(key, ENGLISH, ""), true)
                .setDescriptionLocalization(DiscordLocale.CHINESE_CHINA, words.get(key, CHINESE, ""));
    }
}
