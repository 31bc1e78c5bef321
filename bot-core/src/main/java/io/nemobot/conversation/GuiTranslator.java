package io.nemobot.conversation;

import io.nemobot.chat.Action;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The backend writes as if its web editor were open. This turns GUI directions into what the chat
 * can do ("say export", a button), keeps what the text says about the content, and reports which
 * actions to offer as buttons. A pure function of the text, so it can run on every streamed update.
 */
public final class GuiTranslator {
    /** The translated text and the actions it points to. */
    public record Translation(String text, Set<Action> actions) {
    }

    private record Rule(Pattern pattern, String replacementKey, Action action) {
    }

    private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
    private static final List<Rule> RULES = List.of(
            rule("(?:click|press|tap|hit|use)\\s+(?:on\\s+)?(?:the\\s+)?[\\[\"'“]?export[\\]\"'”]?(?:\\s+button)?", "gui.export", Action.EXPORT),
            rule("(?:the\\s+)?[\\[\"'“]?export[\\]\"'”]?\\s+button", "gui.export", Action.EXPORT),
            rule("点击\\s*[「【\\[]?导出[」】\\]]?(?:按钮)?", "gui.export", Action.EXPORT),
            rule("(?:click|press|tap)\\s+(?:on\\s+)?(?:the\\s+)?[\\[\"'“]?download[\\]\"'”]?(?:\\s+button)?", "gui.export", Action.EXPORT),
            rule("preview\\s+(?:it\\s+)?in\\s+(?:the\\s+)?timeline", "gui.timeline", Action.TIMELINE),
            rule("(?:open|check|view|see)\\s+(?:the\\s+)?(?:timeline|tracks?|layers?|editor)(?:\\s+(?:panel|tab|view))?", "gui.timeline", Action.TIMELINE),
            rule("打开\\s*[「【\\[]?(?:时间线|时间轴|轨道|面板)[」】\\]]?(?:面板)?", "gui.timeline", Action.TIMELINE),
            rule("drag(?:\\s+and\\s+drop|\\s*/\\s*drop)?\\s+(?:the\\s+|it\\s+|them\\s+)?[^.!?\\n]{0,60}?(?:onto|into|to)\\s+(?:the\\s+)?(?:timeline|track|canvas)", "gui.drag", null),
            rule("拖拽[^。！？\\n]{0,30}?(?:到|至)[^。！？\\n]{0,10}?(?:时间线|轨道)", "gui.drag", null),
            rule("(?:check|open|visit|go\\s+to)\\s+(?:your\\s+)?(?:account|billing)(?:\\s+(?:page|settings|panel))?", "gui.credits", Action.CREDITS),
            rule("(?:click|press|tap)\\s+(?:on\\s+)?(?:the\\s+)?[\\[\"'“]?[^\\]\"'”.!?\\n]{1,30}[\\]\"'”]?\\s+button", "gui.timeline", null),
            rule("点击\\s*[「【\\[]?[^」】\\]。！？\\n]{1,12}[」】\\]]?按钮", "gui.timeline", null));

    private static Rule rule(String regex, String key, Action action) {
        return new Rule(Pattern.compile(regex, FLAGS), key, action);
    }

    private GuiTranslator() {
    }

    public static Translation translate(String text, Messages words) {
        Set<Action> actions = EnumSet.noneOf(Action.class);
        String out = text;
        for (Rule rule : RULES) {
            Matcher m = rule.pattern().matcher(out);
            if (!m.find()) {
                continue;
            }
            String replacement = Matcher.quoteReplacement(words.get(rule.replacementKey()));
            out = m.replaceAll(replacement);
            if (rule.action() != null) {
                actions.add(rule.action());
            }
        }
        return new Translation(dedupeDirections(out, words), actions);
    }

    /** "say export, then say export" collapses to one. */
    private static String dedupeDirections(String text, Messages words) {
        List<String> keys = new ArrayList<>(List.of("gui.export", "gui.timeline", "gui.credits", "gui.drag"));
        String out = text;
        for (String key : keys) {
            String phrase = words.get(key);
            String twice = Pattern.quote(phrase) + "(\\s*(?:,|and|或|，)?\\s*)" + Pattern.quote(phrase);
            out = out.replaceAll(twice, Matcher.quoteReplacement(phrase));
        }
        return out;
    }
}
