package io.nemobot.words;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.nemobot.nemo.Draft;
import io.nemobot.simulator.Drafts;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimelineTest {
    private static final Messages EN = Messages.of("en");
    private static final Messages ZH = Messages.of("zh");

    private static JsonObject json(String text) {
        return JsonParser.parseString(text).getAsJsonObject();
    }

    /** The draft as the client reads it from a state reply. */
    private static Timeline of(JsonObject draft, Messages words) {
        return Timeline.of(Draft.parse(draft.toString()), words);
    }

    private static boolean ready(JsonObject draft) {
        return Timeline.ready(Draft.parse(draft.toString()));
    }

    private static String summary(JsonObject draft) {
        return of(draft, EN).summary(EN);
    }

    @Test
    void theSeedsExample() {
        assertEquals("Timeline (3 tracks): 1. Video: city timelapse (0-10s) 2. BGM: Lo-fi (0-10s, 35%) 3. Title: \"Urban Dreams\" (0-3s)",
                summary(Drafts.demo()));
    }

    @Test
    void theSeedsExampleInChinese() {
        assertEquals("时间线（3 条轨道）： 1. 视频: city timelapse (0-10s) 2. 背景音乐: Lo-fi (0-10s, 35%) 3. 标题: \"Urban Dreams\" (0-3s)",
                of(Drafts.demo(), ZH).summary(ZH));
    }

    @Test
    void theSameDraftWrittenByHandWithShortKeys() {
        JsonObject draft = json("{\"t\":["
                + "{\"tt\":0,\"sg\":[{\"s\":0,\"d\":10000,\"m\":{\"name\":\"city timelapse\"}}]},"
                + "{\"tt\":1,\"sg\":[{\"s\":0,\"d\":10000,\"m\":{\"name\":\"Lo-fi\",\"volume\":0.35}}]},"
                + "{\"tt\":7,\"sg\":[{\"s\":0,\"d\":3000,\"m\":{\"text\":\"Urban Dreams\"}}]}],"
                + "\"canvas\":{\"w\":1920,\"h\":1080},\"version\":3}");
        assertEquals(summary(Drafts.demo()), summary(draft));
    }

    @Test
    void missingOrJunkFieldsNeverBreakTheSummary() {
        assertEquals("Timeline: empty", summary(new JsonObject()));
        assertEquals("Timeline: empty", summary(json("{\"t\":\"oops\"}")));
        assertEquals("Timeline: empty", summary(Drafts.empty()));
        assertEquals("Timeline: empty", summary(json("{\"t\":[{\"tt\":0},{\"tt\":1,\"sg\":[]},{\"tt\":7,\"sg\":\"x\"}]}")),
                "tracks without segments are not shown");
        assertEquals("Timeline (1 track): 1. Video: intro (0-4s)",
                summary(json("{\"t\":[1,\"x\",null,[],{\"tt\":0,\"sg\":[5,\"junk\",null,{\"d\":4000,\"m\":{\"name\":\"intro\"}}]}]}")));
        assertEquals("Timeline (1 track): 1. Video: — (0-0s)", summary(json("{\"t\":[{\"tt\":0,\"sg\":[{}]}]}")),
                "a segment without duration or metadata");
        assertEquals("Timeline (1 track): 1. Track: — (2-2s)", summary(json("{\"t\":[{\"sg\":[{\"s\":2000,\"m\":\"nope\"}]}]}")),
                "a track without a type");
    }

    @Test
    void labelsAndTimesAreReadable() {
        JsonObject meta = new JsonObject();
        meta.addProperty("src", "https://cdn.nemovideo.ai/u/1/clip_01.mp4?sig=secret");
        JsonObject draft = Drafts.withTrack(Drafts.empty(), Drafts.VIDEO, Drafts.segment(1500, 2250, meta));
        assertEquals("Timeline (1 track): 1. Video: clip_01.mp4 (1.5-3.8s)", summary(draft));

        String prompt = "a very long prompt describing a sunset over the sea with birds flying and waves crashing";
        draft = Drafts.withVideo(Drafts.empty(), prompt, 0, 5000);
        String line = summary(draft);
        assertTrue(line.contains(prompt.substring(0, 57) + "…"), line);
        assertTrue(line.length() < 120, line);

        draft = Drafts.withTrack(Drafts.empty(), Drafts.VIDEO, Drafts.segment(0, 4000, null), Drafts.segment(4000, 6000, null));
        assertEquals("Timeline (1 track): 1. Video: 2 clips (0-10s)", summary(draft));
    }

    @Test
    void trackKindsFollowTheirTypeAndRole() {
        JsonObject voice = new JsonObject();
        voice.addProperty("name", "narration take 2");
        voice.addProperty("role", "voiceover");
        voice.addProperty("volume", 80);
        JsonObject caption = new JsonObject();
        caption.addProperty("text", "Hello");
        caption.addProperty("type", "subtitle");
        JsonObject draft = Drafts.withTrack(Drafts.empty(), Drafts.AUDIO, Drafts.segment(0, 8000, voice));
        draft = Drafts.withTrack(draft, Drafts.TEXT, Drafts.segment(0, 2000, caption));
        draft = Drafts.withTrack(draft, 3, Drafts.segment(0, 1000, null));
        assertEquals("Timeline (3 tracks): 1. Audio: narration take 2 (0-8s, 80%) 2. Text: \"Hello\" (0-2s) 3. Track: — (0-1s)",
                summary(draft));
    }

    @Test
    void readyNeedsATrackWithSegments() {
        assertFalse(ready(new JsonObject()));
        assertFalse(Timeline.ready(null));
        assertFalse(ready(Drafts.empty()));
        assertFalse(ready(json("{\"t\":[{\"tt\":0},{\"tt\":0,\"sg\":[]},3]}")));
        assertFalse(ready(json("{\"t\":{\"tt\":0}}")));
        assertTrue(ready(Drafts.withVideo(Drafts.empty(), "clip", 0, 1000)));
        assertTrue(ready(Drafts.demo()));
    }

    @Test
    void nothingChanged() {
        Timeline before = of(Drafts.demo(), EN);
        Timeline after = of(Drafts.demo(), EN);
        assertEquals(before, after);
        assertEquals(List.of(), after.changesSince(before, EN));
    }

    @Test
    void aTitleAdded() {
        JsonObject before = Drafts.withMusic(Drafts.withVideo(Drafts.empty(), "city timelapse", 0, 10_000), "Lo-fi", 0.35, 0, 10_000);
        List<String> changes = of(Drafts.demo(), EN).changesSince(of(before, EN), EN);
        assertEquals(List.of("Title added: \"Urban Dreams\" (0-3s)"), changes);
    }

    @Test
    void aTrackRemoved() {
        JsonObject after = Drafts.withoutTrack(Drafts.demo(), Drafts.AUDIO);
        List<String> changes = of(after, EN).changesSince(of(Drafts.demo(), EN), EN);
        assertEquals(List.of("BGM removed: Lo-fi (0-10s, 35%)"), changes);
    }

    @Test
    void aTrackChanged() {
        JsonObject after = Drafts.withMusic(Drafts.demo(), "Lo-fi", 0.6, 0, 10_000);
        List<String> changes = of(after, EN).changesSince(of(Drafts.demo(), EN), EN);
        assertEquals(List.of("BGM changed: Lo-fi (0-10s, 60%)"), changes);
    }

    @Test
    void severalChangesAtOnce() {
        JsonObject after = Drafts.withTitle(Drafts.withoutTrack(Drafts.demo(), Drafts.AUDIO), "City Nights", 0, 4000);
        List<String> changes = of(after, EN).changesSince(of(Drafts.demo(), EN), EN);
        assertEquals(List.of("Title changed: \"City Nights\" (0-4s)", "BGM removed: Lo-fi (0-10s, 35%)"), changes);
    }

    @Test
    void changesInChinese() {
        Timeline before = of(Drafts.withoutTrack(Drafts.demo(), Drafts.TEXT), ZH);
        Timeline after = of(Drafts.withoutTrack(Drafts.withTitle(Drafts.demo(), "城市之梦", 0, 3000), Drafts.AUDIO), ZH);
        assertEquals(List.of("标题已添加：\"城市之梦\" (0-3s)", "背景音乐已移除：Lo-fi (0-10s, 35%)"), after.changesSince(before, ZH));
    }

    @Test
    void fromNothingEverythingIsAdded() {
        Timeline empty = of(Drafts.empty(), EN);
        List<String> changes = of(Drafts.demo(), EN).changesSince(empty, EN);
        assertEquals(List.of("Video added: city timelapse (0-10s)", "BGM added: Lo-fi (0-10s, 35%)",
                "Title added: \"Urban Dreams\" (0-3s)"), changes);
    }
}
