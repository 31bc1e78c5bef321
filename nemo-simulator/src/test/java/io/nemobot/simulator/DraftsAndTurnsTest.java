package io.nemobot.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DraftsAndTurnsTest {

    @Test
    void theDemoDraftHasThreeTracks() {
        assertEquals(JsonParser.parseString("{\"t\":["
                + "{\"tt\":0,\"sg\":[{\"s\":0,\"d\":10000,\"m\":{\"name\":\"city timelapse\"}}]},"
                + "{\"tt\":1,\"sg\":[{\"s\":0,\"d\":10000,\"m\":{\"name\":\"Lo-fi\",\"volume\":0.35}}]},"
                + "{\"tt\":7,\"sg\":[{\"s\":0,\"d\":3000,\"m\":{\"text\":\"Urban Dreams\"}}]}]}"), Drafts.demo());
    }

    @Test
    void withTitleReplacesTheTitleAndNeverTouchesItsInput() {
        JsonObject demo = Drafts.demo();
        JsonObject edited = Drafts.withTitle(demo, "Night", 1_000, 2_000);
        assertEquals(Drafts.demo(), demo);
        assertEquals(3, edited.getAsJsonArray("t").size());
        assertEquals("{\"s\":1000,\"d\":2000,\"m\":{\"text\":\"Night\"}}",
                edited.getAsJsonArray("t").get(2).getAsJsonObject().getAsJsonArray("sg").get(0).toString());
        assertEquals(1, Drafts.withTitle(Drafts.empty(), "T", 0, 1).getAsJsonArray("t").size());
        assertEquals(2, Drafts.withoutTrack(demo, Drafts.TEXT).getAsJsonArray("t").size());
        assertEquals(1, Drafts.withTitle(new JsonObject(), "T", 0, 1).getAsJsonArray("t").size());
    }

    @Test
    void turnsAreImmutable() {
        Turn base = Turn.agent();
        Turn more = base.text("a");
        assertNotSame(base, more);
        assertEquals(0, base.steps().size());
        assertEquals(1, more.steps().size());
        assertSame(more, more.pause(Duration.ZERO));
        assertThrows(UnsupportedOperationException.class, () -> more.steps().add(new TurnStep.Cut()));
        assertThrows(NullPointerException.class, () -> base.text(null));
        assertThrows(IllegalArgumentException.class, () -> base.pause(Duration.ofMillis(-1)));
    }

    @Test
    void renderStepsAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> RenderStep.processing(101));
        assertThrows(IllegalArgumentException.class, () -> new RenderStep("done", 1, null, null));
        assertThrows(IllegalArgumentException.class, RenderScript::steps);
        assertEquals(RenderStep.completed(), RenderScript.standard().stepAt(99));
        assertEquals(RenderStep.processing(99), RenderScript.never().stepAt(500));
    }

    @Test
    void recordsAreValidated() {
        assertThrows(NullPointerException.class, () -> new ChatMessage(null, "x"));
        assertThrows(IllegalArgumentException.class, () -> new UploadRecord("s", "f", -2, null, null));
    }
}
