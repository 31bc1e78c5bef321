package io.nemobot.words;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nemobot.chat.Action;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** One test per row of nemo-api.md's GUI translation table, in English and in Chinese. */
class GuiTranslatorTest {
    private static final Messages EN = Messages.of("en");
    private static final Messages ZH = Messages.of("zh");

    private static GuiTranslator.Translation en(String text) {
        return GuiTranslator.translate(text, EN);
    }

    private static GuiTranslator.Translation zh(String text) {
        return GuiTranslator.translate(text, ZH);
    }

    // Row: "Export button" / "导出" -> run the export workflow.

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Click the Export button to download your video. | say **export** to download your video.",
            "When you're happy, click [Export]. | When you're happy, say **export**.",
            "Press \"Export\" to render the MP4. | say **export** to render the MP4.",
            "Use the Export button when ready. | say **export** when ready.",
            "The export button is in the top bar. | say **export** is in the top bar.",
            "Click Download to save it. | say **export** to save it."})
    void exportButtonInEnglish(String backend, String chat) {
        GuiTranslator.Translation t = en(backend);
        assertEquals(chat, t.text());
        assertEquals(Set.of(Action.EXPORT), t.actions());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "点击导出按钮即可下载视频。 | 发送 **导出**即可下载视频。",
            "满意的话请点击「导出」。 | 满意的话请发送 **导出**。",
            "完成后点击右上角的导出按钮下载视频。 | 完成后发送 **导出**下载视频。",
            "使用导出按钮保存成片。 | 发送 **导出**保存成片。"})
    void exportButtonInChinese(String backend, String chat) {
        GuiTranslator.Translation t = zh(backend);
        assertEquals(chat, t.text());
        assertEquals(Set.of(Action.EXPORT), t.actions());
    }

    // Row: "open [panel]" / "打开" -> query the session state and show it.

    @Test
    void openAPanel() {
        GuiTranslator.Translation t = en("Open the timeline panel to adjust the music.");
        assertEquals("say **status** to see the timeline to adjust the music.", t.text());
        assertEquals(Set.of(Action.TIMELINE), t.actions());
        GuiTranslator.Translation c = zh("打开时间线面板可以看到三条轨道。");
        assertEquals("发送 **状态** 查看时间线可以看到三条轨道。", c.text());
        assertEquals(Set.of(Action.TIMELINE), c.actions());
        assertEquals(Set.of(Action.TIMELINE), zh("请打开「轨道」面板。").actions());
    }

    // Row: "preview in timeline" -> show the track summary.

    @Test
    void previewInTheTimeline() {
        GuiTranslator.Translation t = en("Your video is ready. Preview it in the timeline before exporting.");
        assertEquals("Your video is ready. say **status** to see the timeline before exporting.", t.text());
        assertEquals(Set.of(Action.TIMELINE), t.actions());
    }

    // Row: "drag/drop" / "拖拽" -> send the edit as a chat message.

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Drag the music file onto the timeline. | tell me the change in a message.",
            "You can drag and drop your logo into the canvas. | You can tell me the change in a message.",
            "Drag/drop the clip to the track you want. | tell me the change in a message you want."})
    void dragAndDropInEnglish(String backend, String chat) {
        GuiTranslator.Translation t = en(backend);
        assertEquals(chat, t.text());
        assertEquals(Set.of(), t.actions());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "把音乐拖拽到时间线上。 | 用一条消息告诉我要改什么。",
            "你可以拖拽片段到轨道中调整顺序。 | 你可以用一条消息告诉我要改什么调整顺序。"})
    void dragAndDropInChinese(String backend, String chat) {
        GuiTranslator.Translation t = zh(backend);
        assertEquals(chat, t.text());
        assertEquals(Set.of(), t.actions());
    }

    // Row: "check account/billing" -> show the credits.

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "You're low on credits. Check your account page to top up. | You're low on credits. say **credits** to see the balance to top up.",
            "Go to billing settings for details. | say **credits** to see the balance for details.",
            "You can check your account balance anytime. | You can say **credits** to see the balance anytime."})
    void checkAccountOrBilling(String backend, String chat) {
        GuiTranslator.Translation t = en(backend);
        assertEquals(chat, t.text());
        assertEquals(Set.of(Action.CREDITS), t.actions());
    }

    // Row: "click [button]" / "点击" -> do it through the API or offer it as a command; no GUI direction is left.

    @Test
    void clickAnyOtherButton() {
        GuiTranslator.Translation t = en("Press the \"Regenerate\" button to try another take.");
        assertFalse(t.text().toLowerCase().contains("press"), t.text());
        assertFalse(t.text().contains("button"), t.text());
        GuiTranslator.Translation c = zh("点击「重新生成」按钮再试一次。");
        assertFalse(c.text().contains("点击"), c.text());
        assertFalse(c.text().contains("按钮"), c.text());
    }

    // Keep what the text says about the content.

    @Test
    void contentSentencesAreKept() {
        String content = "I've added lo-fi music at 35% volume and a title \"Urban Dreams\" for the first 3 seconds.";
        GuiTranslator.Translation t = en(content + " Click the Export button to download your video.");
        assertTrue(t.text().startsWith(content + " "), t.text());
        String chinese = "我已经添加了背景音乐，音量为 35%。";
        GuiTranslator.Translation c = zh(chinese + "点击导出按钮即可下载。");
        assertTrue(c.text().startsWith(chinese), c.text());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Your video has a warm colour grade and a bold title.",
            "Let me know if you'd like to review the tracks or change the music.",
            "I used export settings of 1080p at 30fps.", "The preview looks great — the clip opens on the skyline.",
            "我已经为你生成了一段城市夜景的视频。", "导出的视频是 1080p 的 MP4。"})
    void textWithoutGuiDirectionsIsUnchanged(String text) {
        GuiTranslator.Translation t = GuiTranslator.translate(text, Language.hasChinese(text) ? ZH : EN);
        assertEquals(text, t.text());
        assertEquals(Set.of(), t.actions());
    }

    @Test
    void directionsAreFoundWhateverTheCaseOfTheirKeywords() {
        // The keyword check before each pattern folds case as the patterns do: dotless ı matches I.
        assertEquals(Set.of(Action.TIMELINE), en("OPEN THE TIMELINE.").actions());
        assertEquals(Set.of(Action.TIMELINE), en("Open the tımelıne.").actions());
        assertEquals(Set.of(Action.EXPORT), en("Then CLICK EXPORT.").actions());
        String plain = "the city lights glow over a quiet river while soft music drifts";
        assertEquals(plain, en(plain).text());
        assertEquals(Set.of(), en(plain).actions());
    }

    @Test
    void oneDirectionSaidTwiceIsSaidOnce() {
        assertEquals("say **export**.", en("Click Export and hit the Export button.").text());
        assertEquals("say **export**.", en("Click Export or press the Export button.").text());
    }

    @Test
    void severalRowsInOneReply() {
        GuiTranslator.Translation t = en("Done! Preview it in the timeline, then click the Export button. "
                + "Check your billing page if you run low.");
        assertEquals(Set.of(Action.EXPORT, Action.TIMELINE, Action.CREDITS), t.actions());
        assertEquals("Done! say **status** to see the timeline, then say **export**. "
                + "say **credits** to see the balance if you run low.", t.text());
    }
}
