package io.nemobot.session;

import io.nemobot.chat.ThreadKey;
import io.nemobot.nemo.NemoException;
import io.nemobot.store.ThreadBinding;
import io.nemobot.words.ErrorWording;
import io.nemobot.words.Messages;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * {@link ErrorWording} with what this bot knows bound in: where anonymous users register, whether
 * the bot runs on a registered account, and the thread's skill (its upload limit).
 */
public final class Refusals {
    private final String registerUrl;
    private final BooleanSupplier registeredAccount;
    private final ThreadSkills skills;

    public Refusals(String registerUrl, BooleanSupplier registeredAccount, ThreadSkills skills) {
        this.registerUrl = Objects.requireNonNull(registerUrl, "registerUrl");
        this.registeredAccount = Objects.requireNonNull(registeredAccount, "registeredAccount");
        this.skills = Objects.requireNonNull(skills, "skills");
    }

    /** The words for a refusal in {@code thread}, bound as {@code binding} (empty: not bound yet). */
    public String of(NemoException e, Messages words, ThreadKey thread, Optional<ThreadBinding> binding) {
        return ErrorWording.of(e, words, registerUrl, binding.flatMap(ThreadBinding::bindId),
                registeredAccount.getAsBoolean(), skills.of(thread, binding).maxUploadBytes());
    }
}
