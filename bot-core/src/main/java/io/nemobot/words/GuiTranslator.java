package io.nemobot.words;

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

    /** {@code keywords}: the rule can only match text holding one of these (case folded): cheap to rule out. */
    private record Rule(Pattern pattern, String replacementKey, Action action, List<String> keywords) {
        boolean mayMatch(String folded) {
            for (String k : keywords) {
                if (folded.contains(k)) {
                    return true;
                }
            }
            return false;
        }
    }

    private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
    /** English directions start a word: "review the tracks" is not "view the tracks". */
    private static final String START = "(?<![\\p{L}\\p{N}_])";
    private static final List<Rule> RULES = List.of(
            rule(START + "(?:click|press|tap|hit|use)\\s+(?:on\\s+)?(?:the\\s+)?[\\[\"'“]?export[\\]\"'”]?(?:\\s+button)?", "gui.export", Action.EXPORT, List.of("export")),
            rule(START + "(?:the\\s+)?[\\[\"'“]?export[\\]\"'”]?\\s+button", "gui.export", Action.EXPORT, List.of("export")),
            rule("点击\\s*[「【\\[]?导出[」】\\]]?(?:按钮)?", "gui.export", Action.EXPORT, List.of("导出")),
            rule("点击[^，,。！？\\n]{0,10}?[「【\\[]?导出[」】\\]]?按钮", "gui.export", Action.EXPORT, List.of("导出")),
            rule("(?:使用|用|按)?[「【\\[]?导出[」】\\]]?按钮", "gui.export", Action.EXPORT, List.of("导出")),
            rule(START + "(?:click|press|tap)\\s+(?:on\\s+)?(?:the\\s+)?[\\[\"'“]?download[\\]\"'”]?(?:\\s+button)?", "gui.export", Action.EXPORT, List.of("download")),
            rule(START + "preview\\s+(?:it\\s+)?in\\s+(?:the\\s+)?timeline", "gui.timeline", Action.TIMELINE, List.of("timeline")),
            rule(START + "(?:open|check|view|see)\\s+(?:the\\s+)?(?:timeline|tracks?|layers?|editor)(?:\\s+(?:panel|tab|view))?", "gui.timeline", Action.TIMELINE, List.of("timeline", "track", "layer", "editor")),
            rule("打开\\s*[「【\\[]?(?:时间线|时间轴|轨道|面板)[」】\\]]?(?:面板)?", "gui.timeline", Action.TIMELINE, List.of("时间线", "时间轴", "轨道", "面板")),
            rule(START + "drag(?:\\s+and\\s+drop|\\s*/\\s*drop)?\\s+(?:the\\s+|it\\s+|them\\s+)?[^.!?\\n]{0,60}?(?:onto|into|to)\\s+(?:the\\s+)?(?:timeline|track|canvas)", "gui.drag", null, List.of("drag")),
            rule("(?:把[^，,。！？\\n]{0,20}?)?拖拽[^。！？\\n]{0,30}?(?:到|至)[^。！？\\n]{0,10}?(?:时间线|轨道)(?:上|中|里)?", "gui.drag", null, List.of("拖拽")),
            rule(START + "(?:check|open|visit|go\\s+to)\\s+(?:your\\s+)?(?:account|billing)(?:\\s+(?:page|settings|panel|balance|credits))?", "gui.credits", Action.CREDITS, List.of("account", "billing")),
            rule(START + "(?:click|press|tap)\\s+(?:on\\s+)?(?:the\\s+)?[\\[\"'“]?[^\\]\"'”.!?\\n]{1,30}[\\]\"'”]?\\s+button", "gui.timeline", null, List.of("button")),
            rule("点击\\s*[「【\\[]?[^」】\\]。！？\\n]{1,12}[」】\\]]?按钮", "gui.timeline", null, List.of("按钮")));
    /** Marks a replaced direction until every rule ran, so no rule rewrites another's words ("see the timeline"). */
    private static final char MARK_OPEN = '\uE000';
    private static final char MARK_CLOSE = '\uE001';
    private static final Pattern MARK = Pattern.compile(MARK_OPEN + "(\\d{1,2})" + MARK_CLOSE);

    private static Rule rule(String regex, String key, Action action, List<String> keywords) {
        return new Rule(Pattern.compile(regex, FLAGS), key, action, keywords);
    }

    /**
     * The text case folded the way the rules' case-insensitive matching compares characters, so a
     * keyword missing here cannot match there ("ı" and "ſ" fold to "i" and "s" as they match "I" and "S").
     */
    private static String fold(String text) {
        char[] c = new char[text.length()];
        for (int i = 0; i < c.length; i++) {
            c[i] = Character.toLowerCase(Character.toUpperCase(text.charAt(i)));
        }
        return new String(c);
    }

    private GuiTranslator() {
    }

    /**
     * Runs on every edit of a streaming reply over the whole text, so each rule first checks for its
     * keywords (a scan) and only then runs its pattern.
     */
    public static Translation translate(String text, Messages words) {
        Set<Action> actions = EnumSet.noneOf(Action.class);
        String out = text;
        String folded = fold(text);
        boolean any = false;
        for (int i = 0; i < RULES.size(); i++) {
            Rule rule = RULES.get(i);
            if (!rule.mayMatch(folded)) {
                continue;
            }
            Matcher m = rule.pattern().matcher(out);
            if (!m.find()) {
                continue;
            }
            any = true;
            out = m.replaceAll(Matcher.quoteReplacement(MARK_OPEN + String.valueOf(i) + MARK_CLOSE));
            if (rule.action() != null) {
                actions.add(rule.action());
            }
        }
        if (!any) {
            return new Translation(dedupeDirections(text, words), actions);
        }
        Matcher marks = MARK.matcher(out);
        StringBuilder restored = new StringBuilder();
        while (marks.find()) {
            int rule = Integer.parseInt(marks.group(1));
            String phrase = rule < RULES.size() ? words.get(RULES.get(rule).replacementKey()) : marks.group();
            marks.appendReplacement(restored, Matcher.quoteReplacement(phrase));
        }
        marks.appendTail(restored);
        return new Translation(dedupeDirections(restored.toString(), words), actions);
    }

    /** "say export, then say export" collapses to one. */
    private static String dedupeDirections(String text, Messages words) {
        List<String> keys = new ArrayList<>(List.of("gui.export", "gui.timeline", "gui.credits", "gui.drag"));
        String out = text;
        for (String key : keys) {
            String phrase = words.get(key);
            int first = out.indexOf(phrase);
            if (first < 0 || out.indexOf(phrase, first + phrase.length()) < 0) {
                continue; // not there twice
            }
            String twice = Pattern.quote(phrase) + "(\\s*(?:,|and|or|或|，)?\\s*)" + Pattern.quote(phrase);
            out = out.replaceAll(twice, Matcher.quoteReplacement(phrase));
        }
        return out;
    }
}
