package io.nemobot.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nemobot.config.Settings;
import io.nemobot.config.SkillCatalog;
import io.nemobot.words.Language;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The routing table of nemo-api.md, read from the bundled {@code config/keywords.properties}. */
class KeywordRouterTest {
    private static final int MAX_WORDS = 8;
    private static final Map<String, List<String>> TABLE = bundledTable();
    private static final KeywordRouter ROUTER = new KeywordRouter(TABLE, MAX_WORDS);

    private static Map<String, List<String>> bundledTable() {
        Properties p = Settings.readResource("config/keywords.properties");
        Map<String, List<String>> table = new LinkedHashMap<>();
        for (String intent : List.of("chat", "export", "credits", "status", "upload", "help")) {
            table.put(intent, SkillCatalog.list(p.getProperty(intent, "")));
        }
        return table;
    }

    private static Intent route(String text) {
        return ROUTER.route(text, false);
    }

    @ParameterizedTest
    @ValueSource(strings = {"add music to the timeline", "在时间线开头加标题", "make a video and download it",
        "generate a clip, then export", "change the title on the timeline"})
    void editAndGenerationVerbsMakeAPromptWhateverKeywordsItHolds(String text) {
        assertEquals(Intent.CHAT, route(text));
    }

    @Test
    void theTableHoldsTheContractsKeywords() {
        assertTrue(TABLE.get("export").containsAll(List.of("export", "导出", "download", "send me the video")), TABLE.toString());
        assertTrue(TABLE.get("credits").containsAll(List.of("credits", "积分", "balance", "余额")), TABLE.toString());
        assertTrue(TABLE.get("status").containsAll(List.of("status", "状态", "show tracks")), TABLE.toString());
        assertTrue(TABLE.get("upload").containsAll(List.of("upload", "上传")), TABLE.toString());
    }

    @Test
    void everyKeywordOfTheTableRoutesAloneAndInAShortSentence() {
        int checked = 0;
        for (Map.Entry<String, List<String>> row : TABLE.entrySet()) {
            Intent intent = Intent.valueOf(row.getKey().toUpperCase(Locale.ROOT));
            for (String keyword : row.getValue()) {
                assertEquals(intent, route(keyword), keyword);
                assertEquals(intent, route("  " + keyword + "  "), "padded " + keyword);
                assertEquals(intent, route(keyword.toUpperCase(Locale.ROOT)), "upper case " + keyword);
                boolean chinese = Language.hasChinese(keyword);
                String sentence = chinese ? "请" + keyword + "。" : "please " + keyword + "!";
                assertEquals(intent, route(sentence), sentence);
                checked++;
            }
        }
        assertTrue(checked >= 14, "keywords checked: " + checked);
    }

    @ParameterizedTest(name = "\"{0}\" -> {1}")
    @CsvSource(delimiter = '|', value = {
            "STATUS | STATUS", "Status? | STATUS", "what's the status | STATUS", "Show Tracks | STATUS",
            "Export please | EXPORT", "can you send me the video? | EXPORT", "帮我导出 | EXPORT", "导出视频 | EXPORT",
            "what's my balance | CREDITS", "还有多少积分 | CREDITS", "查看状态 | STATUS", "我要上传 | UPLOAD",
            "help | HELP"})
    void shortCommandsRoute(String text, Intent intent) {
        assertEquals(intent, route(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"statuses of my clips", "exported", "I exported it already", "downloads", "uploaded",
            "creditscore", "balanced lighting", "make it rebalanced", "hello", "generate a cat video"})
    void onlyWholeWordsCount(String text) {
        assertEquals(Intent.CHAT, route(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "Make a 30 second video of a city at night with lo-fi music, then download it",
            "Generate a product video and show the status of each clip as an overlay in the corner",
            "Turn this script into a video and add a balance of warm and cool colours please",
            "请帮我生成一段三十秒的城市夜景视频，配上轻音乐，然后导出成高清",
            "生成一个关于积分排行榜的动画视频，要有标题和背景音乐"})
    void longPromptsContainingAKeywordGoToTheChatStream(String prompt) {
        assertEquals(Intent.CHAT, route(prompt));
    }

    @Test
    void attachmentsAreUploadsWhateverTheText() {
        assertEquals(Intent.UPLOAD, ROUTER.route("", true));
        assertEquals(Intent.UPLOAD, ROUTER.route(null, true));
        assertEquals(Intent.UPLOAD, ROUTER.route("export", true));
        assertEquals(Intent.UPLOAD, ROUTER.route("use this clip as the intro", true));
    }

    @Test
    void nothingToSayIsChat() {
        assertEquals(Intent.CHAT, route(""));
        assertEquals(Intent.CHAT, route("   "));
        assertEquals(Intent.CHAT, route(null));
    }

    @Test
    void theTableIsExtensible() {
        assertEquals(Intent.CHAT, route("ship it"));
        assertEquals(Intent.CHAT, route("wallet"));
        Map<String, List<String>> table = new LinkedHashMap<>(TABLE);
        table.put("export", List.of("export", "ship it"));
        table.put("credits", List.of("wallet", "残高"));
        KeywordRouter router = new KeywordRouter(table, MAX_WORDS);
        assertEquals(Intent.EXPORT, router.route("Ship it!", false));
        assertEquals(Intent.CREDITS, router.route("my wallet", false));
        assertEquals(Intent.CREDITS, router.route("残高", false));
        assertEquals(Intent.CHAT, router.route("shipping it", false));
        assertEquals(Intent.CHAT, router.route("balance", false), "a keyword taken out of the table no longer routes");
    }

    @Test
    void theWordLimitIsTheRouters() {
        KeywordRouter strict = new KeywordRouter(TABLE, 1);
        assertEquals(Intent.EXPORT, strict.route("export", false));
        assertEquals(Intent.CHAT, strict.route("export now", false));
        assertFalse(KeywordRouter.words("一二三四五六七八九十一二三四五六七八") <= MAX_WORDS, "18 Han characters are 9 words");
    }

    @ParameterizedTest(name = "/nemo {0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "credits | CREDITS", "积分 | CREDITS", "状态 | STATUS", "Status? | STATUS", "  show   tracks | STATUS",
            "导出 | EXPORT", "Send me the video! | EXPORT", "帮助 | HELP", "HELP | HELP", "上传 | UPLOAD"})
    void aKeywordOnItsOwnNamesACommand(String words, Intent intent) {
        assertEquals(Optional.of(intent), ROUTER.command(words));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a timeline of Rome", "status of my clips", "查看状态", "export it", "make", "添加", "", "  "})
    void anythingElseIsAPromptForTheCommand(String words) {
        assertEquals(Optional.empty(), ROUTER.command(words));
    }
}
