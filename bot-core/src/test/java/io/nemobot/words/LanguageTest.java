package io.nemobot.words;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LanguageTest {

    @Test
    void theUsersLocaleWins() {
        assertEquals("zh", Language.detect(Optional.of(Locale.SIMPLIFIED_CHINESE), "make a video"));
        assertEquals("zh", Language.detect(Optional.of(Locale.forLanguageTag("zh-Hant-TW")), "hello"));
        assertEquals("en", Language.detect(Optional.of(Locale.US), "帮我生成一个视频"));
        assertEquals("en", Language.detect(Optional.of(Locale.FRENCH), "帮我生成一个视频"), "only en and zh are spoken");
        assertEquals("zh", Language.detect(Optional.of(Locale.ROOT), "帮我生成一个视频"), "an empty locale says nothing");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "帮我生成一个城市夜景的视频 | zh",
            "生成一个 1080p 的 MP4 视频 | zh",
            "把标题改成 Urban Dreams | zh",
            "make a video of a city at night | en",
            "add the title 城市 to my video about the city at night | en",
            "これは東京の夜景の動画です | en",
            "도시 야경 영상을 만들어 줘 | en",
            "12345 !!! | en",
            "'' | en"})
    void withoutALocaleTheScriptDecides(String text, String language) {
        assertEquals(language, Language.detect(Optional.empty(), text));
    }

    @Test
    void noTextIsEnglish() {
        assertEquals("en", Language.detect(Optional.empty(), null));
    }
}
