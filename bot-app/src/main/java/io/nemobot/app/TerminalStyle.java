package io.nemobot.app;

import java.io.Console;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the terminal shows the core's light markdown: {@code **bold**} in bold where the terminal
 * understands ANSI escapes, else without the asterisks; never raw asterisks. ANSI only for a person
 * at an interactive terminal (a console, {@code TERM} set and not {@code dumb}) who did not ask for
 * no colour ({@code NO_COLOR}); output piped to a file or a program stays plain text.
 *
 * @param ansi whether to write ANSI escapes
 */
record TerminalStyle(boolean ansi) {
    static final String BOLD_ON = "\u001b[1m";
    static final String BOLD_OFF = "\u001b[22m";
    private static final Pattern BOLD = Pattern.compile("\\*\\*([^*\\n]+?)\\*\\*");

    /**
     * @param console whether standard input and output are an interactive terminal ({@link #console()})
     * @param env     the environment ({@code TERM}, {@code NO_COLOR})
     */
    static TerminalStyle detect(boolean console, Map<String, String> env) {
        String term = env.getOrDefault("TERM", "");
        boolean noColor = !env.getOrDefault("NO_COLOR", "").isEmpty();
        return new TerminalStyle(console && !term.isBlank() && !term.equals("dumb") && !noColor);
    }

    /** Whether this process talks to an interactive terminal. */
    static boolean console() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            // From Java 22 there is a console also when output is redirected; it says whether it is a terminal.
            Method isTerminal = Console.class.getMethod("isTerminal");
            return Boolean.TRUE.equals(isTerminal.invoke(console));
        } catch (NoSuchMethodException e) {
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }

    /** The text as this terminal shows it. */
    String render(String markdown) {
        String shown = BOLD.matcher(markdown).replaceAll(m -> Matcher.quoteReplacement(
                ansi ? BOLD_ON + m.group(1) + BOLD_OFF : m.group(1)));
        return shown.replace("**", "");
    }
}
