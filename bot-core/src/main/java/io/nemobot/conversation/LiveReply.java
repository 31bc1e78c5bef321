package io.nemobot.conversation;

import io.nemobot.chat.Action;
import io.nemobot.chat.ChatPlatformException;
import io.nemobot.chat.ChatThread;
import io.nemobot.chat.MessageHandle;
import io.nemobot.chat.OutgoingMessage;
import io.nemobot.chat.TextSplitter;
import io.nemobot.chat.ThreadKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One turn's reply, kept up to date as text streams in: one message (more when the text passes the
 * platform's length limit, split cleanly), edited no faster than the {@link EditPacer} allows, with
 * chunks coalesced between edits and a progress line under the text until the end. When the text
 * outgrows a message, what the message shows is kept there (up to its last whole word) and all the
 * new text goes out in the next message at once: one call, not an edit and a post; taking the progress
 * line off the full message waits until the budget has room. The final text always lands: rate
 * limits are waited out, a deleted message is posted again, a too-long refusal re-splits shorter;
 * only a thread that refuses every post gives up (the future fails).
 */
public final class LiveReply implements EditPacer.Paced {
    private static final Logger LOG = LoggerFactory.getLogger(LiveReply.class);
    private static final int MAX_FAILURES = 6;
    /**
     * Room kept free under the text for the progress line, so that the line coming, changing length
     * or going at the end does not move where the text is split (parts already shown stay as they are).
     */
    private static final int FOOTER_ROOM = 120;
    /** What a message shows when the final text needs fewer messages than were posted. */
    private static final String LEFTOVER = "…";
    /**
     * How much later than a new text a change nobody waits to read (the progress line ticking, a full
     * message losing it) asks the pacer for: it goes when no text has waited that long.
     */
    private static final long COSMETIC_DELAY = Duration.ofMinutes(2).toNanos();
    /**
     * How much earlier than its time a final text asks when the thread's next message waits for it
     * ({@link #hurry}): then it goes ahead of text still streaming elsewhere.
     */
    private static final long FINAL_AHEAD = Duration.ofSeconds(30).toNanos();

    private final ChatThread chat;
    private final EditPacer pacer;
    private final LongSupplier clock;
    private final long minIntervalNanos;
    private final CompletableFuture<Void> delivered = new CompletableFuture<>();

    private int limit;
    private String body = "";
    private Supplier<String> bodySource;
    private String placeholder;
    private String footer;
    private List<Action> actions = List.of();
    private boolean finalRequested;
    private long finalAt;
    private boolean hurried;

    private final List<MessageHandle> handles = new ArrayList<>();
    private final List<OutgoingMessage> shown = new ArrayList<>();
    /** Per posted message, the reply text it shows (without the progress line; null for a placeholder). */
    private final List<String> shownText = new ArrayList<>();
    private final List<Boolean> finished = new ArrayList<>();
    /**
     * Where messages end for good in the reply text: a message followed by another keeps its text.
     * Dropped (everything split afresh) if the text before the last cut changes.
     */
    private final List<Integer> cuts = new ArrayList<>();
    private String frozen = "";
    private boolean inFlight;
    /** Whether the next call will post a new message (read by the pacer without this reply's lock). */
    private volatile boolean postNext = true;
    /** When the oldest change not shown yet was made: text (and the final, and the acknowledgement)... */
    private boolean textWaits;
    private long textSince;
    /** ...and a change nobody waits to read. */
    private boolean cosmeticWaits;
    private long cosmeticSince;
    /** Asked the pacer and not flushed since, with that time: asking again only matters if earlier. */
    private boolean queued;
    private long queuedSince;
    private boolean again;
    /** Volatile: the pacer reads it while scanning its queue and must never wait for this reply's lock. */
    private volatile long notBefore;
    private int failures;

    public LiveReply(ChatThread chat, EditPacer pacer, LongSupplier nanoClock) {
        this.chat = chat;
        this.pacer = pacer;
        this.clock = nanoClock;
        this.minIntervalNanos = pacer.profile().minEditInterval().toNanos();
        this.limit = pacer.profile().maxMessageLength();
        this.notBefore = nanoClock.getAsLong();
    }

    @Override
    public ThreadKey thread() {
        return chat.key();
    }

    /**
     * Posts the first message (the acknowledgement) as soon as the platform's budgets allow, ahead of
     * progress edits. Posting it outside the budgets got it refused when many threads started at once.
     */
    public void start(String placeholderText) {
        synchronized (this) {
            placeholder = placeholderText;
            changed(true);
        }
        ask();
    }

    /** Takes over a message posted before a restart, showing {@code text}. */
    public void adopt(MessageHandle handle, String text) {
        synchronized (this) {
            handles.add(handle);
            shown.add(OutgoingMessage.of(text));
            shownText.add(null);
            finished.add(false);
            body = text;
            postNext = false;
        }
    }

    /** The reply text so far (already translated); shown at the next allowed edit. */
    public void text(String text) {
        synchronized (this) {
            if (finalRequested || text.equals(body)) {
                return;
            }
            body = text;
            changed(true);
        }
        ask();
    }

    /**
     * The reply text so far, computed only when an edit is due: a stream sends chunks far more often
     * than the platform allows edits, so the text (translation included) is built once per edit, not
     * once per chunk. {@code source} must be thread-safe.
     */
    public void text(Supplier<String> source) {
        synchronized (this) {
            if (finalRequested) {
                return;
            }
            bodySource = source;
            changed(true);
        }
        ask();
    }

    /** The progress line under the text ({@code null} for none). */
    public void progress(String line) {
        synchronized (this) {
            if (finalRequested || java.util.Objects.equals(line, footer)) {
                return;
            }
            footer = line;
            changed(false);
        }
        ask();
    }

    /** The final text and buttons. Completes when they are shown (or the thread refused them for good). */
    public CompletableFuture<Void> finish(String finalText, List<Action> finalActions) {
        synchronized (this) {
            bodySource = null;
            body = finalText;
            footer = null;
            actions = List.copyOf(finalActions);
            finalRequested = true;
            finalAt = clock.getAsLong();
            changed(true);
        }
        ask();
        return delivered;
    }

    /** Someone waits for this reply to end (the thread's next message): its final text goes ahead. */
    public void hurry() {
        synchronized (this) {
            if (hurried) {
                return;
            }
            hurried = true;
            if (!finalRequested) {
                return; // it goes ahead once it is final
            }
        }
        ask();
    }

    public CompletableFuture<Void> delivered() {
        return delivered;
    }

    /** Whether the final text is set (all that is left is showing it). */
    public synchronized boolean isFinal() {
        return finalRequested;
    }

    /** The handle of the first message, once posted. */
    public synchronized MessageHandle firstMessage() {
        return handles.isEmpty() ? null : handles.get(0);
    }

    @Override
    public boolean posting() {
        return postNext;
    }

    @Override
    public long notBefore() {
        return notBefore;
    }

    /** Notes a change to show; {@code text}: one a reader waits for. Called holding this reply's lock. */
    private void changed(boolean text) {
        long now = clock.getAsLong();
        if (text && !textWaits) {
            textWaits = true;
            textSince = now;
        } else if (!text && !cosmeticWaits) {
            cosmeticWaits = true;
            cosmeticSince = now;
        }
    }

    /** The time this reply asks the pacer with: its oldest waiting text, else its oldest other change, later. */
    private long since() {
        long cosmetic = cosmeticSince + COSMETIC_DELAY;
        if (hurried && finalRequested && (textWaits || cosmeticWaits)) {
            long ahead = finalAt - FINAL_AHEAD;
            return textWaits && textSince - ahead < 0 ? textSince : ahead;
        }
        if (textWaits) {
            return cosmeticWaits && cosmetic - textSince < 0 ? cosmetic : textSince;
        }
        return cosmeticWaits ? cosmetic : clock.getAsLong() + COSMETIC_DELAY;
    }

    private void ask() {
        long since;
        synchronized (this) {
            if (delivered.isDone()) {
                return;
            }
            if (inFlight) {
                again = true;
                return;
            }
            since = since();
            if (queued && queuedSince - since <= 0) {
                return; // already waiting in the pacer: the flush will show whatever is newest
            }
            queued = true;
            queuedSince = since;
        }
        pacer.request(this, since);
    }

    @Override
    public void flush() {
        Step step;
        boolean retry = false;
        boolean postInstead = false;
        boolean textWaited;
        long textWaitedSince;
        boolean cosmeticWaited;
        long cosmeticWaitedSince;
        boolean showsAll;
        synchronized (this) {
            queued = false;
            if (delivered.isDone() || inFlight) {
                again = !delivered.isDone();
                return;
            }
            step = nextStep();
            if (step == null) {
                textWaits = false;
                cosmeticWaits = false;
                if (finalRequested) {
                    delivered.complete(null);
                }
                return;
            }
            if (postNext && step.kind() != Step.Kind.POST) {
                // The permits were taken for a new message only; an edit must draw on the edit budgets too.
                postNext = false;
                retry = true;
            } else {
                inFlight = true;
                postInstead = !postNext && step.kind() == Step.Kind.POST;
            }
            // What waits now is what this call shows; what comes during the call waits anew.
            showsAll = step.last();
            textWaited = textWaits;
            textWaitedSince = textSince;
            cosmeticWaited = cosmeticWaits;
            cosmeticWaitedSince = cosmeticSince;
            if (!retry) {
                textWaits = false;
                cosmeticWaits = false;
            }
        }
        if (retry) {
            ask();
            return;
        }
        boolean more;
        try {
            if (postInstead) {
                pacer.postingInstead(this); // the text outgrew the message: the edit's permits are not needed
            }
            pacer.sending(this);
            perform(step);
            synchronized (this) {
                failures = 0;
            }
        } catch (ChatPlatformException e) {
            onFailure(step, e);
        } catch (RuntimeException e) {
            onFailure(step, new ChatPlatformException(ChatPlatformException.Kind.OTHER, e.toString(), null, e));
        } finally {
            synchronized (this) {
                inFlight = false;
                Step following = delivered.isDone() ? null : nextStep();
                if (following != null) {
                    // Not everything that waited is shown yet: it keeps its place in the line. But when
                    // this call showed all there was and the next one is for text that came during it,
                    // that text waits from when it came (else the reply would jump the line every time).
                    if (following.text() && textWaited && !(showsAll && textWaits)) {
                        textWaits = true;
                        textSince = textWaitedSince;
                    } else if (following.text()) {
                        changed(true);
                    } else if (cosmeticWaited && !(cosmeticWaits && cosmeticSince - cosmeticWaitedSince < 0)) {
                        cosmeticWaits = true;
                        cosmeticSince = cosmeticWaitedSince;
                    } else {
                        changed(false);
                    }
                }
                // The text outgrew a message: its continuation is a new message, which the per-message
                // interval does not hold back.
                boolean continuation = following != null && following.kind() == Step.Kind.POST && following.index() > step.index();
                postNext = following != null && following.kind() == Step.Kind.POST;
                notBefore = Math.max(notBefore, clock.getAsLong() + (continuation ? 0 : minIntervalNanos));
                more = !delivered.isDone() && (again || following != null);
                again = false;
            }
        }
        if (more) {
            ask();
        } else {
            synchronized (this) {
                if (finalRequested && !delivered.isDone() && nextStep() == null) {
                    delivered.complete(null);
                }
            }
        }
    }

    /**
     * One platform call to make; {@code text}: it shows text a reader waits for (not only a progress
     * line going); {@code last}: it is for the last message the content wants (so it shows all there is).
     */
    private record Step(int index, Part part, Kind kind, boolean text, boolean last) {
        enum Kind { POST, EDIT, FINISH }

        OutgoingMessage content() {
            return part.content();
        }
    }

    /** One message as wanted: its content and the reply text in it (null for a placeholder). */
    private record Part(OutgoingMessage content, String text) {
    }

    /**
     * The next call needed to bring the platform in line with the wanted content, or null. Calls that
     * show new text go first (in message order); then messages that keep their text but still need
     * the progress line taken off or finishing.
     */
    private Step nextStep() {
        String text = currentText();
        List<Part> wanted = render(text);
        if (wanted.size() > handles.size() && !handles.isEmpty() && handles.size() == cuts.size() + 1 && keepLastMessage(text)) {
            wanted = render(text);
        }
        Step later = null;
        for (int i = 0; i < wanted.size(); i++) {
            boolean last = i == wanted.size() - 1;
            boolean complete = !last || finalRequested;
            Part part = wanted.get(i);
            if (i >= handles.size()) {
                return new Step(i, part, Step.Kind.POST, true, last);
            }
            boolean changed = !part.content().equals(shown.get(i));
            // A kept (full) message never gets new text; only its progress line or finishing can be due.
            boolean newText = (i >= cuts.size() || last) && !java.util.Objects.equals(part.text(), shownText.get(i));
            Step step = null;
            // A part finished earlier is finished again when its text changed (a shorter final text,
            // a full text replacing its chunks): the final text always lands, in every part.
            if (complete && (changed || (!finished.get(i) && chat.finishRequired()))) {
                step = new Step(i, part, Step.Kind.FINISH, newText || last, last);
            } else if (changed) {
                step = new Step(i, part, Step.Kind.EDIT, newText, last);
            } else if (complete && !finished.get(i)) {
                finished.set(i, true);
            }
            if (step != null && (step.text() || i >= cuts.size())) {
                return step;
            }
            if (step != null && later == null) {
                later = step;
            }
        }
        if (later != null) {
            return later;
        }
        if (finalRequested) {
            // Fewer parts than messages posted: the extra messages must not keep old text or a progress line.
            Part rest = new Part(OutgoingMessage.of(LEFTOVER), null);
            for (int i = wanted.size(); i < handles.size(); i++) {
                if (!rest.content().equals(shown.get(i)) || (!finished.get(i) && chat.finishRequired())) {
                    return new Step(i, rest, Step.Kind.FINISH, true, true);
                }
                finished.set(i, true);
            }
        }
        return null;
    }

    /**
     * The text outgrew the last message: it keeps what it shows (up to its last whole word) and the
     * rest goes to new messages. False when it shows no text yet or too little of it to keep.
     */
    private boolean keepLastMessage(String text) {
        String showing = shownText.get(handles.size() - 1);
        if (showing == null || showing.isEmpty()) {
            return false;
        }
        int from = cuts.isEmpty() ? 0 : cuts.get(cuts.size() - 1);
        while (from < text.length() && Character.isWhitespace(text.charAt(from))) {
            from++;
        }
        if (!text.startsWith(showing, from)) {
            return false;
        }
        int end = from + showing.length();
        if (end < text.length() && !Character.isWhitespace(text.charAt(end))) {
            // It shows a word in part: end it before that word, which goes on in the next message.
            int space = end - 1;
            while (space > from && !Character.isWhitespace(text.charAt(space))) {
                space--;
            }
            if (space - from < showing.length() / 2) {
                return false;
            }
            end = space;
        }
        cuts.add(end);
        frozen = text.substring(0, end);
        return true;
    }

    private String currentText() {
        if (bodySource != null) {
            body = bodySource.get();
        }
        return body.isEmpty() && !finalRequested && placeholder != null ? placeholder : body;
    }

    private List<Part> render(String text) {
        if (!cuts.isEmpty() && !text.startsWith(frozen)) {
            cuts.clear(); // the text before a cut changed: split it all afresh
            frozen = "";
        }
        boolean placeholderShown = body.isEmpty() && !finalRequested && placeholder != null;
        String tail = footer == null ? "" : "\n\n" + footer;
        int room = Math.max(50, limit - Math.max(tail.length(), Math.min(FOOTER_ROOM, limit / 4)));
        List<String> parts = new ArrayList<>();
        int from = 0;
        for (int cut : cuts) {
            parts.add(text.substring(from, cut).strip());
            from = cut;
        }
        String rest = text.substring(from);
        if (rest.isBlank() && !parts.isEmpty()) {
            rest = parts.remove(parts.size() - 1); // the text ends where a kept message does: that one is the last
        }
        parts.addAll(TextSplitter.split(rest.isEmpty() ? "…" : rest, room));
        List<Part> out = new ArrayList<>(parts.size());
        for (int i = 0; i < parts.size(); i++) {
            boolean last = i == parts.size() - 1;
            String part = parts.get(i).strip();
            String shownPart = last && part.length() + tail.length() <= limit ? part + tail : part;
            out.add(new Part(new OutgoingMessage(shownPart.strip(), last && finalRequested ? actions : List.of()),
                    placeholderShown ? null : part));
        }
        return out;
    }

    private void perform(Step step) {
        switch (step.kind()) {
            case POST: {
                MessageHandle handle = chat.post(step.content());
                synchronized (this) {
                    handles.add(handle);
                    shown.add(step.content());
                    shownText.add(step.part().text());
                    finished.add(false);
                }
                break;
            }
            case EDIT:
                chat.edit(handleAt(step.index()), step.content());
                synchronized (this) {
                    shown.set(step.index(), step.content());
                    shownText.set(step.index(), step.part().text());
                }
                break;
            default:
                chat.finish(handleAt(step.index()), step.content());
                synchronized (this) {
                    shown.set(step.index(), step.content());
                    shownText.set(step.index(), step.part().text());
                    finished.set(step.index(), true);
                }
        }
    }

    private synchronized MessageHandle handleAt(int index) {
        return handles.get(index);
    }

    private void onFailure(Step step, ChatPlatformException e) {
        long now = clock.getAsLong();
        synchronized (this) {
            failures++;
        }
        switch (e.kind()) {
            case RATE_LIMITED: {
                Duration wait = e.retryAfter().orElse(Duration.ofSeconds(1));
                pacer.penalize(chat.key(), wait);
                synchronized (this) {
                    notBefore = now + wait.toNanos();
                    failures = Math.min(failures, 1);
                }
                return;
            }
            case TOO_LONG:
                synchronized (this) {
                    limit = Math.max(200, limit * 3 / 4);
                    cuts.clear(); // split it all afresh at the new limit
                    frozen = "";
                }
                LOG.info("Platform refused a message as too long in {}; splitting at {}", chat.key(), limit);
                break;
            case GONE:
                if (step.kind() == Step.Kind.POST) {
                    giveUp(e);
                    return;
                }
                synchronized (this) {
                    // The message was deleted: post the rest again from this part on.
                    while (handles.size() > step.index()) {
                        handles.remove(handles.size() - 1);
                        shown.remove(shown.size() - 1);
                        shownText.remove(shownText.size() - 1);
                        finished.remove(finished.size() - 1);
                    }
                    while (cuts.size() > step.index()) {
                        cuts.remove(cuts.size() - 1); // the parts posted again are split afresh
                    }
                    frozen = cuts.isEmpty() ? "" : frozen.substring(0, cuts.get(cuts.size() - 1));
                }
                LOG.info("A reply message in {} is gone; posting it again", chat.key());
                break;
            case FORBIDDEN:
                giveUp(e);
                return;
            default:
                synchronized (this) {
                    notBefore = now + Duration.ofMillis(250L << Math.min(failures, 6)).toNanos();
                }
        }
        synchronized (this) {
            if (failures >= MAX_FAILURES) {
                giveUp(e);
            }
        }
    }

    private void giveUp(ChatPlatformException e) {
        LOG.warn("Giving up on a reply in {}: {} ({})", chat.key(), e.kind(), e.getMessage());
        delivered.completeExceptionally(e);
    }
}
