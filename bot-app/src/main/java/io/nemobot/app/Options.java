package io.nemobot.app;

import java.util.ArrayList;
import java.util.List;

/**
 * The launcher's command line.
 *
 * @param simulator start the bundled backend simulator and talk to it (offline use)
 * @param terminal  chat in the terminal even when chat-platform credentials are set
 * @param help      print usage and exit
 * @param problems  arguments not understood
 */
public record Options(boolean simulator, boolean terminal, boolean help, List<String> problems) {
    public static Options parse(String[] args) {
        boolean simulator = false;
        boolean terminal = false;
        boolean help = false;
        List<String> problems = new ArrayList<>();
        for (String arg : args) {
            switch (arg) {
                case "--simulator" -> simulator = true;
                case "--terminal" -> terminal = true;
                case "--help", "-h" -> help = true;
                default -> problems.add("unknown argument " + arg);
            }
        }
        return new Options(simulator, terminal, help, List.copyOf(problems));
    }

    public static String usage() {
        return String.join("\n",
                "Usage: nemo-bot [--simulator] [--terminal]",
                "",
                "  --simulator  start the bundled Nemo backend simulator and use it (offline; NEMO_SIMULATOR=true does the same)",
                "  --terminal   chat in this terminal even when DISCORD_TOKEN or SLACK_BOT_TOKEN is set",
                "",
                "With no chat-platform credentials the bot opens a chat in the terminal.",
                "Every setting is in config/nemo-bot.properties and can be overridden by an environment variable of the same name.");
    }
}
