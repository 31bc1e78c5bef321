package io.nemobot.discord;

import java.util.List;
import net.dv8tion.jda.api.interactions.IntegrationType;
import net.dv8tion.jda.api.interactions.InteractionContextType;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.CommandData;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;
import net.dv8tion.jda.api.interactions.commands.build.SubcommandData;

/** The bot's slash commands, as registered at startup. */
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

    private SlashCommands() {
    }

    static List<CommandData> all() {
        return List.of(
                command(VIDEO, "Start a Nemo video conversation in a new thread")
                        .addOptions(new OptionData(OptionType.STRING, PROMPT, "What should the video show?", true)
                                .setMaxLength(4000)),
                command(EXPORT, "Export this conversation's video as an MP4 link"),
                command(CREDITS, "Show the Nemo credits left"),
                command(STATUS, "Show this conversation's timeline"),
                command(UPLOAD, "Add a video, image or audio file to this conversation")
                        .addOption(OptionType.ATTACHMENT, FILE, "The file to upload", true),
                command(NEMO, "Nemo video bot")
                        .addSubcommands(new SubcommandData(HELP, "What Nemo can do, with example prompts")));
    }

    private static SlashCommandData command(String name, String description) {
        SlashCommandData command = Commands.slash(name, description);
        command.setContexts(InteractionContextType.GUILD, InteractionContextType.BOT_DM);
        command.setIntegrationTypes(IntegrationType.GUILD_INSTALL);
        return command;
    }
}
