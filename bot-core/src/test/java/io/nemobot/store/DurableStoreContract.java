package io.nemobot.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The {@link StoreContract} plus what a store that claims durability promises: it all survives reopening. */
public abstract class DurableStoreContract extends StoreContract {
    @Test
    void everythingSurvivesReopening() {
        ThreadBinding bound = ThreadBinding.claimed(T1, "caption-ab", "zh", at(1)).withSession("sess_1", "task_1", "u_1", "zh", at(2));
        store().saveCredential("nemo.token", "fake-token");
        store().saveBinding(bound);
        store().savePendingRender(render("render_1", T1, "m1", at(3)));
        store().saveOpenTurn(turn(T2, "m2", at(4)));
        store().countTurn("slack:U1", DAY);
        store().countTurn("slack:U1", DAY);
        store().recordUsage(usage(T1, "U1", "Ana", 120, at(5)));
        store().saveAcceptedMessage(accepted("Ev1", T1, "run-1", at(6)));

        Store again = reopen();
        assertEquals(List.of(accepted("Ev1", T1, "run-1", at(6))), again.acceptedMessages());
        assertEquals(List.of(new UsageTotal("C1", "U1", "Ana", 1, 120)), again.usage("slack", "T1", at(0)));
        assertEquals(Optional.of("fake-token"), again.credential("nemo.token"));
        assertEquals(Optional.of(bound), again.binding(T1));
        assertEquals(List.of(render("render_1", T1, "m1", at(3))), again.pendingRenders());
        assertEquals(List.of(turn(T2, "m2", at(4))), again.openTurns());
        assertEquals(2, again.turns("slack:U1", DAY));
        assertEquals(3, again.countTurn("slack:U1", DAY));
    }

    @Test
    void deletionsSurviveReopening() {
        store().savePendingRender(render("render_1", T1, null, at(1)));
        store().saveOpenTurn(turn(T1, null, at(1)));
        store().deletePendingRender("render_1");
        store().deleteOpenTurn(T1);
        store().saveAcceptedMessage(accepted("Ev1", T1, "run-1", at(1)));
        store().removeAcceptedMessage("Ev1", "run-1");

        Store again = reopen();
        assertEquals(List.of(), again.acceptedMessages());
        assertEquals(List.of(), again.pendingRenders());
        assertEquals(List.of(), again.openTurns());
    }
}
