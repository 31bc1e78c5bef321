package io.nemobot.session;

import io.nemobot.chat.ThreadKey;
import io.nemobot.config.SkillCatalog;
import io.nemobot.config.SkillProfile;
import io.nemobot.nemo.SkillHeaders;
import io.nemobot.store.ThreadBinding;
import java.util.Objects;
import java.util.Optional;

/**
 * Which skill profile a thread works with (the one it was bound with, else its channel's) and the
 * headers that name that skill to the backend. Every backend call of a thread goes through here, so
 * a thread keeps its skill even when the operator reassigns its channel later.
 */
public final class ThreadSkills {
    private final SkillCatalog catalog;
    private final String platform;

    /** {@code platform}: the skill platform the headers report (clawhub, cursor or unknown). */
    public ThreadSkills(SkillCatalog catalog, String platform) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.platform = Objects.requireNonNull(platform, "platform");
    }

    public SkillProfile of(ThreadKey thread, Optional<ThreadBinding> binding) {
        if (binding.isPresent()) {
            Optional<SkillProfile> bound = catalog.byId(binding.get().skillId());
            if (bound.isPresent()) {
                return bound.get();
            }
        }
        return catalog.forChannel(thread.channel());
    }

    SkillProfile forChannel(String channel) {
        return catalog.forChannel(channel);
    }

    /** The profile with this id, else the default (a profile removed from the configuration since). */
    public SkillProfile byId(String id) {
        return catalog.byId(id).orElse(catalog.defaultProfile());
    }

    public SkillHeaders headers(SkillProfile skill) {
        return skill.headers(platform);
    }
}
