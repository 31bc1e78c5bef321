package io.nemobot.conversation;

import io.nemobot.chat.Action;
import io.nemobot.chat.ChatPlatformException;
import io.nemobot.chat.ChatThread;
import io.nemobot.chat.MessageHandle;
import io.nemobot.chat.OutgoingMessage;
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
 * chunks coalesced between edits and a progress line under the text until the end. The final text
 * always lands: rate limits are waited out, a deleted message is posted again, a too-long refusal
 * re-splits shorter; only a thread that refuses every post gives up (the future fails).
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

    private final List<MessageHandle> handles = new ArrayList<>();
    private final List<OutgoingMessage> shown = new ArrayList<>();
    private final List<Boolean> finished = new ArrayList<>();
    private boolean inFlight;
    /** Whether the next call will post a new message (read by the pacer without this reply's lock). */
    private volatile boolean postNext = true;
    /** Asked the pacer and not flushed since (0 no, 1 yes, 2 as urgent): asking again would only take its lock. */
    private int queued;
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
        }
        ask(true);
    }

    /** Takes over a message posted before a restart, showing {@code text}. */
    public void adopt(MessageHandle handle, String text) {
        synchronized (this) {
            handles.add(handle);
            shown.add(OutgoingMessage.of(text));
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
        }
        ask(false);
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
        }
        ask(false);
    }

    /** The progress line under the text ({@code null} for none). */
    public void progress(String line) {
        synchronized (this) {
            if (finalRequested || java.util.Objects.equals(line, footer)) {
                return;
            }
            footer = line;
        }
        ask(false);
    }

    /** The final text and buttons. Completes when they are shown (or the thread refused them for good). */
    public CompletableFuture<Void> finish(String finalText, List<Action> finalActions) {
        synchronized (this) {
            bodySource = null;
            body = finalText;
            footer = null;
            actions = List.copyOf(finalActions);
            finalRequested = true;
        }
        ask(true);
        return delivered;
    }

    private synchronized boolean finalRequested() {
        return finalRequested;
    }

    public CompletableFuture<Void> delivered() {
        return delivered;
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

    private void ask(boolean urgent) {
        synchronized (this) {
            if (delivered.isDone()) {
                return;
            }
            if (inFlight) {
                again = true;
                return;
            }
            if (queued >= (urgent ? 2 : 1)) {
                return; // already waiting in the pacer: the flush will show whatever is newest
            }
            queued = urgent ? 2 : 1;
        }
        pacer.request(this, urgent);
    }

    @Override
    public void flush() {
        Step step;
        boolean retry = false;
        synchronized (this) {
            queued = 0;
            if (delivered.isDone() || inFlight) {
                again = !delivered.isDone();
                return;
            }
            step = nextStep();
            if (step == null) {
                if (finalRequested) {
                    delivered.complete(null);
                }
                return;
            }
            if (postNext && step.kind() != Step.Kind.POST) {
                // The permits were taken for a new message only; an edit must draw on the edit budgets too.
                postNext = false;
                queued = finalRequested ? 2 : 1;
                retry = true;
            } else {
                inFlight = true;
            }
        }
        if (retry) {
            pacer.request(this, finalRequested());
            return;
        }
        boolean more;
        boolean continuation = false;
        try {
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
                // The text outgrew a message (just finished): its continuation is a new message, which
                // the per-message interval does not hold back, and it goes ahead of the queue, or the
                // text in it would wait two rounds of the shared budget instead of one.
                continuation = following != null && following.kind() == Step.Kind.POST && following.index() > step.index();
                postNext = following != null && following.kind() == Step.Kind.POST;
                notBefore = Math.max(notBefore, clock.getAsLong() + (continuation ? 0 : minIntervalNanos));
                more = !delivered.isDone() && (again || following != null);
                again = false;
            }
        }
        if (more) {
            boolean urgent;
            synchronized (this) {
                urgent = finalRequested || continuation;
                queued = urgent ? 2 : 1;
            }
            pacer.request(this, urgent);
        } else {
            synchronized (this) {
                if (finalRequested && !delivered.isDone() && nextStep() == null) {
                    delivered.complete(null);
                }
            }
        }
    }

    /** One platform call to make. */
    private record Step(int index, OutgoingMessage content, Kind kind) {
        enum Kind { POST, EDIT, FINISH }
    }

    /** The first call needed to bring the platform in line with the wanted content, or null. */
    private Step nextStep() {
        List<OutgoingMessage> wanted = render();
        for (int i = 0; i < wanted.size(); i++) {
            boolean last = i == wanted.size() - 1;
            boolean complete = !last || finalRequested;
            OutgoingMessage content = wanted.get(i);
            if (i >= handles.size()) {
                return new Step(i, content, Step.Kind.POST);
            }
            boolean changed = !content.equals(shown.get(i));
            // A part finished earlier is finished again when its text changed (a shorter final text,
            // a full text replacing its chunks): the final text always lands, in every part.
            if (complete && (changed || (!finished.get(i) && chat.finishRequired()))) {
                return new Step(i, content, Step.Kind.FINISH);
            }
            if (changed) {
                return new Step(i, content, Step.Kind.EDIT);
            }
            if (complete && !finished.get(i)) {
                finished.set(i, true);
            }
        }
        if (finalRequested) {
            // Fewer parts than messages posted: the extra messages must not keep old text or a progress line.
            OutgoingMessage rest = OutgoingMessage.of(LEFTOVER);
            for (int i = wanted.size(); i < handles.size(); i++) {
                if (!rest.equals(shown.get(i)) || (!finished.get(i) && chat.finishRequired())) {
                    return new Step(i, rest, Step.Kind.FINISH);
                }
                finished.set(i, true);
            }
        }
        return null;
    }

    private List<OutgoingMessage> render() {
        if (bodySource != null) {
            body = bodySource.get();
        }
        String text = body.isEmpty() && !finalRequested && placeholder != null ? placeholder : body;
        String tail = footer == null ? "" : "\n\n" + footer;
        int room = Math.max(50, limit - Math.max(tail.length(), Math.min(FOOTER_ROOM, limit / 4)));
        List<String> parts = TextSplitter.split(text.isEmpty() ? "…" : text, room);
        List<OutgoingMessage> out = new ArrayList<>(parts.size());
        for (int i = 0; i < parts.size(); i++) {
            boolean last = i == parts.size() - 1;
            String part = last && parts.get(i).length() + tail.length() <= limit ? parts.get(i) + tail : parts.get(i);
            out.add(new OutgoingMessage(part.strip(), last && finalRequested ? actions : List.of()));
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
                    finished.add(false);
                }
                break;
            }
            case EDIT:
                chat.edit(handleAt(step.index()), step.content());
                synchronized (this) {
                    shown.set(step.index(), step.content());
                }
                break;
            default:
                chat.finish(handleAt(step.index()), step.content());
                synchronized (this) {
                    shown.set(step.index(), step.content());
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
                        finished.remove(finished.size() - 1);
                    }
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
