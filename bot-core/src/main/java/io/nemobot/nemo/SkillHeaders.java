package io.nemobot.nemo;

/**
 * The three attribution headers every request carries.
 *
 * @param source   {@code X-Skill-Source}, the skill id
 * @param version  {@code X-Skill-Version}
 * @param platform {@code X-Skill-Platform} ({@code clawhub}, {@code cursor} or {@code unknown})
 */
public record SkillHeaders(String source, String version, String platform) {
    public SkillHeaders {
        if (source == null || source.isBlank()) {
            throw new IllegalArgumentException("source may not be blank");
        }
        if (version == null || version.isBlank()) {
            throw new IllegalArgumentException("version may not be blank");
        }
        platform = platform == null || platform.isBlank() ? "unknown" : platform;
    }
}
