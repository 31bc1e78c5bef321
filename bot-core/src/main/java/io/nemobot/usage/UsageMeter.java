package io.nemobot.usage;

import io.nemobot.chat.Author;
import io.nemobot.chat.ThreadKey;
import io.nemobot.store.Store;
import io.nemobot.store.TurnUsage;
import java.time.Clock;
import java.util.Objects;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records what every chat turn cost: reads the account's balance (available plus reserved) before and
 * after the turn, lets the {@link CreditLedger} share the drop among the turns that ran meanwhile, and
 * stores the turn with its cost. The backend gives no per-turn figure, so the balance is the measure. A
 * turn that starts within {@link #FRESH} of another reading starts from that one (a thousand turns that
 * start together cost one read, not a thousand, and their first text waits for none). A balance that
 * cannot be read never holds up or fails the turn: the turn is recorded with what is known.
 */
public final class UsageMeter {
    private static final Logger LOG = LoggerFactory.getLogger(UsageMeter.class);

    /** Reads the account's balance now (the backend's credits call). */
    @FunctionalInterface
    public interface Balance {
        long read() throws Exception;
    }

    /** How old the last reading may be to stand for the balance at a turn's start. */
    static final java.time.Duration FRESH = java.time.Duration.ofSeconds(1);

    private final Balance balance;
    private final Store store;
    private final Clock clock;
    private final LongSupplier nanos;
    private final CreditLedger ledger = new CreditLedger();

    /** {@code clock} dates the records; {@code nanos} ({@code nanoTime} values) tells how fresh a reading is. */
    public UsageMeter(Balance balance, Store store, Clock clock, LongSupplier nanos) {
        this.balance = Objects.requireNonNull(balance, "balance");
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.nanos = Objects.requireNonNull(nanos, "nanos");
    }

    /** Runs one chat turn of {@code author} in {@code thread} and records what it cost. */
    public void measure(ThreadKey thread, Author author, Runnable turn) {
        long start = nanos.getAsLong();
        CreditLedger.Entry entry = ledger.open(ledger.readSince(start, FRESH.toNanos()) ? null : read(), start);
        try {
            turn.run();
        } finally {
            Long after = read();
            long cost = ledger.close(entry, after, nanos.getAsLong());
            try {
                store.recordUsage(new TurnUsage(thread, author.id(), author.displayName(), cost, clock.instant()));
            } catch (RuntimeException e) {
                LOG.warn("Could not record the usage of a turn in {}: {}", thread, e.toString());
            }
        }
    }

    private Long read() {
        try {
            return balance.read();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (Exception e) {
            LOG.info("Could not read the balance for usage: {}", e.toString());
            return null;
        }
    }
}
