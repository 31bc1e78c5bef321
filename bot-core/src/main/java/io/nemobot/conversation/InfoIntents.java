package io.nemobot.conversation;

import io.nemobot.chat.Action;
import io.nemobot.chat.ChatThread;
import io.nemobot.chat.OutgoingMessage;
import io.nemobot.config.SkillProfile;
import io.nemobot.nemo.Credits;
import io.nemobot.nemo.NemoClient;
import io.nemobot.reply.Notices;
import io.nemobot.session.ThreadSkills;
import io.nemobot.store.ThreadBinding;
import io.nemobot.words.Messages;
import io.nemobot.words.Timeline;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The intents that only tell something and change nothing: help (the skill's greeting, examples and
 * tips), the account's credits, and the status of the thread's timeline.
 */
final class InfoIntents {
    private final NemoClient nemo;
    private final ThreadSkills skills;
    private final Notices notices;

    InfoIntents(NemoClient nemo, ThreadSkills skills, Notices notices) {
        this.nemo = Objects.requireNonNull(nemo, "nemo");
        this.skills = Objects.requireNonNull(skills, "skills");
        this.notices = Objects.requireNonNull(notices, "notices");
    }

    /** The skill's greeting, example prompts, tips and the commands, in the thread's language. */
    static String help(SkillProfile skill, Messages words) {
        StringBuilder s = new StringBuilder(skill.greeting(words.language())).append("\n\n").append(words.get("help.examples"));
        for (String example : skill.examples()) {
            s.append("\n• ").append(example);
        }
        if (!skill.tips().isEmpty()) {
            s.append("\n\n");
            for (String tip : skill.tips()) {
                s.append("💡 ").append(tip).append('\n');
            }
        }
        return s.append('\n').append(words.get("help.commands")).toString().strip();
    }

    void help(ChatThread chat, SkillProfile skill, Messages words) {
        notices.say(chat, help(skill, words));
    }

    void credits(ChatThread chat, SkillProfile skill, Messages words) {
        Credits c = nemo.credits(skills.headers(skill));
        notices.say(chat, words.get("credits", "available", c.available(), "frozen", c.frozen(), "total", c.total()));
    }

    void status(ChatThread chat, Optional<ThreadBinding> binding, SkillProfile skill, Messages words) {
        if (binding.isEmpty() || binding.get().sessionId().isEmpty()) {
            notices.say(chat, words.get("status.nosession"));
            return;
        }
        var draft = nemo.state(skills.headers(skill), binding.get().sessionId().get()).draft();
        Timeline timeline = Timeline.of(draft, words);
        if (timeline.tracks().isEmpty()) {
            notices.say(chat, words.get("status.empty"));
            return;
        }
        notices.say(chat, new OutgoingMessage(timeline.summary(words), List.of(Action.EXPORT)));
    }
}
