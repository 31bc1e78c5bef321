package io.nemobot.nemo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nemobot.simulator.Drafts;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The draft's short keys read once into typed tracks; the JSON kept for the export. */
class DraftTest {

    @Test
    void theSeedsDemoReadsAsThreeTypedTracks() {
        Draft draft = Draft.parse(Drafts.demo().toString());
        List<DraftTrack> tracks = draft.tracks();
        assertEquals(List.of(DraftTrack.Type.VIDEO, DraftTrack.Type.AUDIO, DraftTrack.Type.TEXT),
                tracks.stream().map(DraftTrack::type).toList());
        assertEquals(new DraftSegment(0, 10_000, Optional.of("Lo-fi"), Optional.empty(), Optional.of(35)),
                tracks.get(1).segments().get(0));
        assertEquals(Optional.of("Urban Dreams"), tracks.get(2).segments().get(0).label());
    }

    @Test
    void longKeysMissingStartsAndTrackMetadataAreUnderstood() {
        Draft draft = Draft.parse("{\"t\":[{\"tt\":1,\"name\":\"Narration\",\"m\":{\"role\":\"voiceover\",\"volume\":80},"
                + "\"sg\":[{\"start\":500,\"duration\":1000},{\"dur\":2000,\"src\":\"https://cdn.example/a.mp3\"}]}]}");
        DraftTrack track = draft.tracks().get(0);
        assertEquals(Optional.of("Narration"), track.name());
        assertEquals(new DraftSegment(500, 1000, Optional.empty(), Optional.of("voiceover"), Optional.of(80)),
                track.segments().get(0), "the track's metadata stands in for a segment without its own");
        assertEquals(1500, track.segments().get(1).startMs(), "a segment without a start follows the one before");
        assertEquals(Optional.of("voiceover"), track.segments().get(1).role());
        assertEquals(Optional.of("https://cdn.example/a.mp3"), track.segments().get(1).label(),
                "the track's metadata names no label: the segment's own source does");
    }

    @Test
    void junkIsSkippedNeverFatal() {
        Draft draft = Draft.parse("{\"t\":[1,\"x\",null,{\"tt\":\"?\",\"sg\":[5,{\"d\":-3,\"m\":\"nope\"}]},{\"tt\":7}]}");
        assertEquals(2, draft.tracks().size());
        assertEquals(DraftTrack.Type.OTHER, draft.tracks().get(0).type());
        assertEquals(new DraftSegment(0, 0, Optional.empty(), Optional.empty(), Optional.empty()),
                draft.tracks().get(0).segments().get(0));
        assertTrue(draft.tracks().get(1).segments().isEmpty());
        assertEquals(List.of(), Draft.parse("{\"t\":\"oops\"}").tracks());
        assertThrows(IllegalArgumentException.class, () -> Draft.parse("[1,2]"));
        assertThrows(IllegalArgumentException.class, () -> Draft.parse("{not json"));
    }

    @Test
    void noDraftDiffersFromAnEmptyOne() {
        assertTrue(Draft.none().isNone());
        assertTrue(Draft.parse("{}").isNone());
        Draft empty = Draft.parse(Drafts.empty().toString());
        assertFalse(empty.isNone());
        assertTrue(empty.tracks().isEmpty());
        assertNotEquals(Draft.none(), empty);
    }

    @Test
    void twoDraftsAreEqualWhenTheBackendSentTheSameJson() {
        String demo = Drafts.demo().toString();
        assertEquals(Draft.parse(demo), Draft.parse(demo));
        assertEquals(Draft.parse(demo).hashCode(), Draft.parse(demo).hashCode());
        Draft withEffect = Draft.parse(demo.replaceFirst("\\{\"tt\":0", "{\"fx\":\"glow\",\"tt\":0"));
        assertEquals(Draft.parse(demo).tracks(), withEffect.tracks(), "the typed view does not show effects");
        assertNotEquals(Draft.parse(demo), withEffect, "but the draft did change");
    }

    @Test
    void itsTextNeverShowsTheJson() {
        Draft draft = Draft.parse("{\"t\":[{\"tt\":0,\"sg\":[{\"m\":{\"src\":\"https://cdn.example/x.mp4?sig=secret\"}}]}]}");
        assertFalse(draft.toString().contains("secret"), draft.toString());
    }
}
