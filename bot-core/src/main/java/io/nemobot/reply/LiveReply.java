package io.nemobot.reply;

import io.nemobot.chat.Action;
import io.nemobot.chat.CallUse;
import io.nemobot.chat.ChatPlatformException;
import io.nemobot.chat.ChatThread;
import io.nemobot.chat.MessageHandle;
import io.nemobot.chat.ThreadKey;
import io.nemobot.ops.LogContext;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * One turn's reply, kept up to date as text streams in: one message (more when the text passes the
 * platform's length limit), edited no faster than the {@link EditPacer} allows, with chunks coalesced
 * between edits and a progress line under the text until the end; the pacer learns what the next call
 * does ({@link CallKind}), so each draws on its platform method's budget. This class holds the lock and
 * makes the calls; the rest is plain values: what is wanted ({@link WantedReply}), the posted messages and
 * the next call ({@link ReplyMessages}, {@link NextCall}, {@link ReplyLayout}), when to ask the pacer
 * ({@link PendingChanges}), what a refusal means ({@link PlatformRefusal}, {@link RefusalHandler}), the call itself and what
 * it leaves shown ({@link ReplyWriter}). The final text always lands: rate limits are waited out, a
 * deleted message is posted again, a too-long refusal re-splits shorter; only a thread that refuses
 * every post gives up (the future fails). Each message that lands is told to a {@link MessagesLanded},
 * so that a restart finds the reply, and each call that shows streamed text to a {@link ReplyShown}.
 * Calls run with the log context of the code that made the reply (its turn), on whichever thread.
 */
public final class LiveReply implements EditPacer.Paced {
    private final ChatThread chat;
    private final EditPacer pacer;
    private final LongSupplier clock;
    private final Runnable flushInContext;
    private final CompletableFuture<Void> delivered = new CompletableFuture<>();

    private final WantedReply wanted;
    private final ReplyMessages messages;
    private final ReplyWriter writer;
    private final PendingChanges changes = new PendingChanges();
    private boolean inFlight;
    /** What the next call does (read by the pacer without this reply's lock). */
    private final CallKind next;
    /** Asked the pacer and not flushed since, with that time: asking again only matters if earlier, or final. */
    private boolean queued;
    private long queuedSince;
    private boolean queuedFinal;
    private boolean again;
    /** Volatile: the pacer reads it while scanning its queue and must never wait for this reply's lock. */
    private volatile long notBefore;
    private final RefusalHandler refusals;

    public LiveReply(ChatThread chat, EditPacer pacer, LongSupplier nanoClock) {
        this(chat, pacer, nanoClock, MessagesLanded.NONE, ReplyShown.NONE);
    }

    /** A reply that tells {@code landing} each message that lands and {@code shown} each call that shows new text. */
    LiveReply(ChatThread chat, EditPacer pacer, LongSupplier nanoClock, MessagesLanded landing, ReplyShown shown) {
        this.chat = chat;
        this.pacer = pacer;
        this.clock = nanoClock;
        this.flushInContext = LogContext.carry((Runnable) this::flushNow);
        this.next = new CallKind(pacer.profile());
        this.wanted = new WantedReply(pacer.profile().appendOnly());
        this.messages = new ReplyMessages(pacer.profile().maxMessageLength());
        this.writer = new ReplyWriter(chat, messages, landing, shown, nanoClock, this);
        this.refusals = new RefusalHandler(chat, pacer, messages, nanoClock, delivered, this);
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
        update(() -> wanted.acknowledge(placeholderText), true);
    }

    /** Takes over a message posted before a restart, showing {@code text}. */
    public synchronized void adopt(MessageHandle handle, String text) {
        messages.adopt(handle, text);
        wanted.adopted(text);
        next.post(false);
    }

    /** The reply text so far (already translated); shown at the next allowed edit. */
    public void text(String text) {
        update(() -> writer.arrived(wanted.text(text)), true);
    }

    /**
     * The reply text so far, computed only when an edit is due: a stream sends chunks far more often
     * than the platform allows edits, so the text (translation included) is built once per edit, not
     * once per chunk. {@code source} must be thread-safe.
     */
    public void text(Supplier<String> source) {
        update(() -> writer.arrived(wanted.text(source)), true);
    }

    /** The progress line under the text ({@code null} for none). */
    public void progress(String line) {
        update(() -> wanted.progress(line), false);
    }

    /** The final text and buttons. Completes when they are shown (or the thread refused them for good). */
    public CompletableFuture<Void> finish(String finalText, List<Action> finalActions) {
        update(() -> wanted.finish(finalText, finalActions, clock.getAsLong()), true);
        return delivered;
    }

    /**
     * Ends a reply that is not final yet because the bot is stopping: the text so far stays, the progress
     * line and the acknowledgement go, and {@code note} says why. Completes like {@link #finish}.
     */
    public CompletableFuture<Void> interrupt(String note) {
        update(() -> wanted.interrupt(note, clock.getAsLong()), true);
        return delivered;
    }

    /** Someone waits for this reply to end (the thread's next message): its final text goes ahead. */
    public void hurry() {
        synchronized (this) {
            if (!wanted.hurry()) {
                return; // asked before, or not final yet: it goes ahead once it is final
            }
        }
        ask();
    }

    public CompletableFuture<Void> delivered() {
        return delivered;
    }

    /** Whether the final text is set (all that is left is showing it). */
    public synchronized boolean isFinal() {
        return wanted.isFinal();
    }

    /** The handle of the first message, once posted. */
    public synchronized MessageHandle firstMessage() {
        return messages.first();
    }

    @Override
    public CallUse use() {
        return next.use();
    }

    @Override
    public boolean finalCall() {
        return next.finalText();
    }

    @Override
    public long notBefore() {
        return notBefore;
    }

    /** Changes what is wanted; when that changed anything, notes it ({@code text}: a reader waits for it) and asks. */
    private void update(BooleanSupplier change, boolean text) {
        synchronized (this) {
            if (!change.getAsBoolean()) {
                return;
            }
            next.finalText(wanted.isFinal());
            changes.changed(text, clock.getAsLong());
        }
        ask();
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
            since = changes.askWith(clock.getAsLong(), wanted.hurriedFinal(), wanted.finalAt());
            if (queued && queuedSince - since <= 0 && (queuedFinal || !next.finalText())) {
                return; // already waiting in the pacer: the flush will show whatever is newest
            }
            queued = true;
            queuedSince = since;
            queuedFinal = next.finalText();
        }
        pacer.request(this, since);
    }

    @Override
    public void flush() {
        flushInContext.run();
    }

    private void flushNow() {
        ReplyCall call;
        boolean postInstead = false;
        PendingChanges.Waited waited = null;
        Long textSince = null;
        synchronized (this) {
            queued = false;
            if (delivered.isDone() || inFlight) {
                again = !delivered.isDone();
                return;
            }
            call = nextCall();
            if (call == null) {
                changes.clear();
                if (wanted.isFinal()) {
                    delivered.complete(null);
                }
                return;
            }
            if (next.post() && call.kind() != ReplyCall.Kind.POST) {
                next.post(false); // the permits were taken for a new message only: an edit draws on the edit budgets too
            } else {
                inFlight = true;
                postInstead = !next.post() && call.kind() == ReplyCall.Kind.POST;
                waited = changes.take();
                textSince = writer.takeArrived();
            }
        }
        if (waited == null) {
            ask();
        } else {
            call(call, postInstead, waited, textSince);
        }
    }

    /**
     * Makes {@code call}, then notes what is left to show and asks the pacer again if anything is.
     * {@code textSince}: when the streamed text it shows arrived (null: it shows none).
     */
    private void call(ReplyCall call, boolean postInstead, PendingChanges.Waited waited, Long textSince) {
        boolean more;
        try {
            if (postInstead) {
                pacer.postingInstead(this); // the text outgrew the message: the edit's permits are not needed
            }
            pacer.sending(this);
            writer.perform(call, textSince);
            refusals.succeeded();
        } catch (ChatPlatformException e) {
            onFailure(call, e);
        } catch (RuntimeException e) {
            onFailure(call, new ChatPlatformException(ChatPlatformException.Kind.OTHER, e.toString(), null, e));
        } finally {
            MessageHandle last;
            synchronized (this) {
                last = messages.last();
            }
            next.streaming(last != null && chat.streaming(last)); // the call may have ended the stream
            synchronized (this) {
                inFlight = false;
                long now = clock.getAsLong();
                ReplyCall following = delivered.isDone() ? null : nextCall();
                if (following != null) {
                    changes.keepPlace(waited, call.last(), following.text(), now);
                }
                // The text outgrew a message: its continuation is a new message, which the per-message
                // interval does not hold back.
                next.post(following != null && following.kind() == ReplyCall.Kind.POST);
                boolean continuation = next.post() && following.index() > call.index();
                notBefore = Math.max(notBefore, now + (continuation ? 0 : next.interval()));
                more = !delivered.isDone() && (again || following != null);
                again = false;
            }
        }
        if (more) {
            ask();
        } else {
            synchronized (this) {
                if (wanted.isFinal() && !delivered.isDone() && nextCall() == null) {
                    delivered.complete(null);
                }
            }
        }
    }

    private void onFailure(ReplyCall call, ChatPlatformException e) {
        long until = refusals.refused(call, e);
        if (until != 0) {
            notBefore = until;
        }
    }

    /** The next call needed to bring the platform in line with what is wanted, or null. Holds the lock. */
    private ReplyCall nextCall() {
        return messages.next(wanted.content(), chat.finishRequired());
    }
}
