package io.nemobot.conversation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Routes a message by the keyword table: whole-word, case-insensitive, in the table's order. Only
 * short messages (at most {@code maxWords} words) are commands, so a prompt that happens to contain
 * "download" still reaches the chat stream. Attachments are uploads whatever the text.
 */
public final class KeywordRouter {
    private record Rule(Intent intent, String keyword, Pattern pattern) {
    }

    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Pattern END_MARKS = Pattern.compile("[\\s.!?。！？]+$");

    private final List<Rule> rules = new ArrayList<>();
    private final int maxWords;

    /**
     * @param table intent name (export, credits, status, upload, help) → keywords, in order of
     *              precedence; {@code chat} lists words (edit and generation verbs) that make a
     *              message a prompt whatever else it says
     */
    public KeywordRouter(Map<String, List<String>> table, int maxWords) {
        this.maxWords = maxWords;
        table.forEach((name, words) -> {
            Intent intent = Intent.valueOf(name.toUpperCase(Locale.ROOT));
            for (String word : words) {
                rules.add(new Rule(intent, normalized(word), patternFor(word)));
            }
        });
    }

    private static Pattern patternFor(String keyword) {
        String quoted = Pattern.quote(keyword.strip());
        boolean cjk = keyword.codePoints().anyMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN);
        // Han text has no spaces between words: the keyword itself is the boundary.
        String body = cjk ? quoted : "(?<![\\p{L}\\p{N}_])" + quoted + "(?![\\p{L}\\p{N}_])";
        return Pattern.compile(body, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }

    public Intent route(String text, boolean hasAttachments) {
        if (hasAttachments) {
            return Intent.UPLOAD;
        }
        String t = text == null ? "" : text.strip();
        if (t.isEmpty() || words(t) > maxWords) {
            return Intent.CHAT;
        }
        String whole = normalized(t);
        for (Rule rule : rules) {
            // The operator's report answers only the keyword on its own: "usage of drones" is a prompt.
            if (rule.intent() == Intent.USAGE ? rule.keyword().equals(whole) : rule.pattern().matcher(t).find()) {
                return rule.intent();
            }
        }
        return Intent.CHAT;
    }

    /**
     * The command that words given on their own name ({@code /nemo credits}, {@code /nemo 积分}): the
     * intent of a keyword of the table that is the whole text (case, spacing and a closing "?" or "!"
     * aside); empty for anything else, which is a prompt whatever keywords it holds ("a timeline of
     * Rome"). Words of the {@code chat} row name no command.
     */
    public Optional<Intent> command(String text) {
        String t = text == null ? "" : normalized(text);
        for (Rule rule : rules) {
            if (rule.intent() != Intent.CHAT && !t.isEmpty() && rule.keyword().equals(t)) {
                return Optional.of(rule.intent());
            }
        }
        return Optional.empty();
    }

    private static String normalized(String words) {
        String spaced = SPACES.matcher(words.strip()).replaceAll(" ");
        return END_MARKS.matcher(spaced).replaceAll("").toLowerCase(Locale.ROOT);
    }

    /** Words, counting each Han character as half a word (Chinese has no spaces). */
    static int words(String text) {
        int spaced = 0;
        int han = 0;
        for (String w : text.split("\\s+")) {
            if (!w.isEmpty()) {
                spaced++;
            }
        }
        for (int i = 0; i < text.length(); i++) {
            if (Character.UnicodeScript.of(text.charAt(i)) == Character.UnicodeScript.HAN) {
                han++;
            }
        }
        return Math.max(spaced, (han + 1) / 2);
    }
}
