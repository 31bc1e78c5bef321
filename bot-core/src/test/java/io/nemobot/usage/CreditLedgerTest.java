package io.nemobot.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The balance's drops become each turn's cost; overlapping turns share what was spent while they ran. */
class CreditLedgerTest {
    @Test
    void aTurnAloneIsChargedExactlyTheDropOfTheBalance() {
        CreditLedger ledger = new CreditLedger();
        CreditLedger.Entry turn = ledger.open(1000L);
        assertEquals(120, ledger.close(turn, 880L));
    }

    @Test
    void overlappingTurnsShareEachDropAndTheCostsAddUpToWhatWasSpent() {
        CreditLedger ledger = new CreditLedger();
        CreditLedger.Entry a = ledger.open(1000L);
        CreditLedger.Entry b = ledger.open(900L);   // a alone spent 100 before b began
        long costA = ledger.close(a, 799L);          // 101 spent while both ran: 51 to a (first), 50 to b
        long costB = ledger.close(b, 749L);          // b alone: 50
        assertEquals(151, costA);
        assertEquals(100, costB);
        assertEquals(1000 - 749, costA + costB);
    }

    @Test
    void aTopUpOrAnUnreadableBalanceChargesNobody() {
        CreditLedger ledger = new CreditLedger();
        CreditLedger.Entry turn = ledger.open(null);
        ledger.observe(500L);
        ledger.observe(700L); // topped up
        assertEquals(50, ledger.close(turn, 650L));
        assertEquals(0, ledger.close(ledger.open(650L), null));
    }
}
