package io.nemobot.config;

import io.nemobot.chat.Checks;
import io.nemobot.nemo.SkillHeaders;
import java.util.List;
import java.util.Map;

/**
 * One of the four products sharing the backend, as the bot serves it.
 *
 * @param id               sent as {@code X-Skill-Source}
 * @param version          sent as {@code X-Skill-Version}
 * @param name             a display name
 * @param greeting         per language ({@code en}, {@code zh}); {@code en} is required
 * @param examples         example prompts
 * @param tips             short tips shown with help
 * @param maxUploadBytes   the upload size limit
 * @param preferredFormats the formats the product suggests (media and scripts)
 */
public record SkillProfile(String id, String version, String name, Map<String, String> greeting,
        List<String> examples, List<String> tips, long maxUploadBytes, List<String> preferredFormats) {
    public SkillProfile {
        Checks.notBlank(id, "id");
        Checks.notBlank(version, "version");
        Checks.notBlank(name, "name");
        greeting = Map.copyOf(Checks.notNull(greeting, "greeting"));
        if (!greeting.containsKey("en")) {
            throw new IllegalArgumentException("greeting must have an English text (greeting)");
        }
        examples = List.copyOf(examples);
        tips = List.copyOf(tips);
        if (maxUploadBytes < 1) {
            throw new IllegalArgumentException("maxUploadBytes must be positive: " + maxUploadBytes);
        }
        preferredFormats = List.copyOf(preferredFormats);
    }

    public String greeting(String language) {
        return greeting.getOrDefault(language, greeting.get("en"));
    }

    public SkillHeaders headers(String platform) {
        return new SkillHeaders(id, version, platform);
    }
}
