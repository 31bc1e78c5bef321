package io.nemobot.words;

import java.util.Locale;
import java.util.Optional;

/** The conversation's language: the user's locale when the platform gives one, else the text's script, else English. */
public final class Language {
    private Language() {
    }

    public static String detect(Optional<Locale> locale, String text) {
        if (locale.isPresent() && !locale.get().getLanguage().isEmpty()) {
            return "zh".equals(locale.get().getLanguage()) ? "zh" : "en";
        }
        return hasChinese(text) ? "zh" : "en";
    }

    /** Whether a good share of the text's letters are Han characters. */
    public static boolean hasChinese(String text) {
        if (text == null) {
            return false;
        }
        int han = 0;
        int letters = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            Character.UnicodeScript script = Character.UnicodeScript.of(cp);
            if (script == Character.UnicodeScript.HIRAGANA || script == Character.UnicodeScript.KATAKANA) {
                return false; // Japanese writes Han characters too; it is not Chinese
            }
            if (Character.isLetter(cp)) {
                letters++;
                if (script == Character.UnicodeScript.HAN) {
                    han++;
                }
            }
        }
        return han > 0 && han * 5 >= letters;
    }
}
