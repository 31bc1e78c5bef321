package io.nemobot.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The balance's drops become each turn's cost; overlapping turns share what was spent while they ran. */
class CreditLedgerTest {
    @Test
    void aTurnAloneIsChargedExactlyTheDropOfTheBalance() {
        CreditLedger ledger = new CreditLedger();
        CreditLedger.Entry turn = ledger.open(1000L, 0);
        assertEquals(120, ledger.close(turn, 880L, 1));
    }

    @Test
    void overlappingTurnsShareEachDropAndTheCostsAddUpToWhatWasSpent() {
        CreditLedger ledger = new CreditLedger();
        CreditLedger.Entry a = ledger.open(1000L, 0);
        CreditLedger.Entry b = ledger.open(900L, 1);   // a alone spent 100 before b began
        long costA = ledger.close(a, 799L, 2);          // 101 spent while both ran: 51 to a (first), 50 to b
        long costB = ledger.close(b, 749L, 3);          // b alone: 50
        assertEquals(151, costA);
        assertEquals(100, costB);
        assertEquals(1000 - 749, costA + costB);
    }

    @Test
    void aTopUpOrAnUnreadableBalanceChargesNobody() {
        CreditLedger ledger = new CreditLedger();
        CreditLedger.Entry turn = ledger.open(null, 0);
        ledger.observe(500L, 1);
        ledger.observe(700L, 2); // topped up
        assertEquals(50, ledger.close(turn, 650L, 3));
        assertEquals(0, ledger.close(ledger.open(650L, 4), null, 5));
    }

    @Test
    void aReadingIsFreshForAWhileSoTurnsStartingTogetherShareIt() {
        CreditLedger ledger = new CreditLedger();
        assertFalse(ledger.readSince(0, 1_000));
        CreditLedger.Entry a = ledger.open(1000L, 0);
        assertTrue(ledger.readSince(999, 1_000), "a turn starting now needs no read of its own");
        CreditLedger.Entry b = ledger.open(null, 999);
        assertFalse(ledger.readSince(1_000, 1_000));
        assertEquals(50, ledger.close(a, 900L, 2_000));
        assertEquals(50 + 40, ledger.close(b, 860L, 3_000));
    }
}
