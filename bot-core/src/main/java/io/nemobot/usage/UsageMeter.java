package io.nemobot.usage;

import io.nemobot.chat.Author;
import io.nemobot.chat.ThreadKey;
import io.nemobot.store.Store;
import io.nemobot.store.TurnUsage;
import java.time.Clock;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records what every chat turn cost: reads the account's balance (available plus reserved) before and
 * after the turn, lets the {@link CreditLedger} share the drop among the turns that ran meanwhile, and
 * stores the turn with its cost. The backend gives no per-turn figure, so the balance is the measure. A
 * balance that cannot be read never holds up or fails the turn: the turn is recorded with what is known.
 */
public final class UsageMeter {
    private static final Logger LOG = LoggerFactory.getLogger(UsageMeter.class);

    /** Reads the account's balance now (the backend's credits call). */
    @FunctionalInterface
    public interface Balance {
        long read() throws Exception;
    }

    private final Balance balance;
    private final Store store;
    private final Clock clock;
    private final CreditLedger ledger = new CreditLedger();

    public UsageMeter(Balance balance, Store store, Clock clock) {
        this.balance = Objects.requireNonNull(balance, "balance");
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Runs one chat turn of {@code author} in {@code thread} and records what it cost. */
    public void measure(ThreadKey thread, Author author, Runnable turn) {
        CreditLedger.Entry entry = ledger.open(read());
        try {
            turn.run();
        } finally {
            long cost = ledger.close(entry, read());
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
