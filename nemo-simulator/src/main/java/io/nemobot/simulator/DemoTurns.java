package io.nemobot.simulator;

import com.google.gson.JsonObject;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The demo behaviour, played when no turn is scripted: a video generation for any message, and a
 * silent title edit (no text at all, only a new title track) for a message that mentions a title.
 */
final class DemoTurns {

    static final String OPENING = "I'll generate your video now.";
    static final String DONE = "Your 10-second video is ready: city timelapse with Lo-fi music and the title "
            + "\"Urban Dreams\". Say export to render it.";
    static final String DEFAULT_TITLE = "New Title";

    private static final Pattern QUOTED = Pattern.compile("[\"“«]([^\"”»]+)[\"”»]");
    private static final Pattern AFTER_TITLE = Pattern.compile(
            "(?i)title\\s*(?:to|as|is|:|=|saying|that says)?\\s*(.*)$");

    private DemoTurns() {
    }

    static Turn reply(String message, JsonObject draft, Duration pace) {
        if (message.toLowerCase(Locale.ROOT).contains("title")) {
            JsonObject base = draft == null ? Drafts.empty() : draft;
            return Turn.agent().pause(pace).setDraft(Drafts.withTitle(base, titleIn(message), 0, 3_000));
        }
        return generation(pace);
    }

    /** About 15 events, one every {@code pace}. */
    static Turn generation(Duration pace) {
        return Turn.agent()
                .text("I'll generate ").pause(pace)
                .text("your video ").pause(pace)
                .text("now.").pause(pace)
                .finalText(OPENING).pause(pace)
                .toolCall("generate_video").pause(pace)
                .heartbeat().pause(pace)
                .heartbeat().pause(pace)
                .setDraft(Drafts.demo())
                .toolResult("generate_video").pause(pace)
                .text("Your 10-second video is ready: ").pause(pace)
                .text("city timelapse with Lo-fi music ").pause(pace)
                .text("and the title \"Urban Dreams\". ").pause(pace)
                .text("Say export to render it.").pause(pace)
                .finalText(DONE);
    }

    /** The quoted text of the message, else what follows "title", else {@value #DEFAULT_TITLE}. */
    static String titleIn(String message) {
        Matcher quoted = QUOTED.matcher(message);
        if (quoted.find() && !quoted.group(1).isBlank()) {
            return quoted.group(1).trim();
        }
        Matcher after = AFTER_TITLE.matcher(message);
        if (after.find()) {
            String rest = after.group(1).trim().replaceAll("[.!?]+$", "");
            if (!rest.isBlank()) {
                return rest;
            }
        }
        return DEFAULT_TITLE;
    }
}
