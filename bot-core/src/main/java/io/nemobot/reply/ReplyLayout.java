package io.nemobot.reply;

import io.nemobot.chat.OutgoingMessage;
import io.nemobot.chat.TextSplitter;
import java.util.ArrayList;
import java.util.List;

/**
 * How a reply's text is laid out in messages, on plain strings: split cleanly under the platform's
 * limit with room kept for the progress line, and where full messages end for good. When the text
 * outgrows a message, that message keeps what it shows (up to its last whole word) and the rest goes
 * to the next one, so parts already shown never move. Immutable: every change returns a new layout.
 */
final class ReplyLayout {
    /**
     * Room kept free under the text for the progress line, so that the line coming, changing length
     * or going at the end does not move where the text is split (parts already shown stay as they are).
     */
    static final int FOOTER_ROOM = 120;
    /** The least a message's text is allowed, whatever the progress line takes. */
    private static final int MIN_ROOM = 50;
    /** The shortest limit a too-long refusal brings the layout down to. */
    private static final int MIN_LIMIT = 200;

    private final int limit;
    /** Where messages end for good in the reply text: a message followed by another keeps its text. */
    private final List<Integer> cuts;
    /** The text up to the last cut: when it changes, all is split afresh. */
    private final String frozen;

    private ReplyLayout(int limit, List<Integer> cuts, String frozen) {
        this.limit = limit;
        this.cuts = List.copyOf(cuts);
        this.frozen = frozen;
    }

    /** A layout for messages of at most {@code limit} characters, nothing kept yet. */
    static ReplyLayout of(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive: " + limit);
        }
        return new ReplyLayout(limit, List.of(), "");
    }

    int limit() {
        return limit;
    }

    /** How many messages keep their text for good (each one followed by another). */
    int kept() {
        return cuts.size();
    }

    /** This layout for {@code text}: when the text before a kept message's end changed, it is all split afresh. */
    ReplyLayout following(String text) {
        return cuts.isEmpty() || text.startsWith(frozen) ? this : new ReplyLayout(limit, List.of(), "");
    }

    /**
     * The text outgrew the last message, which shows {@code showing}: that message keeps it (up to its
     * last whole word) and the rest goes to new messages. This layout unchanged when the message shows
     * no text, or too little of it to keep.
     */
    ReplyLayout keepingLast(String text, String showing) {
        if (showing == null || showing.isEmpty()) {
            return this;
        }
        int from = cuts.isEmpty() ? 0 : cuts.get(cuts.size() - 1);
        while (from < text.length() && Character.isWhitespace(text.charAt(from))) {
            from++;
        }
        if (!text.startsWith(showing, from)) {
            return this;
        }
        int end = from + showing.length();
        if (end < text.length() && !Character.isWhitespace(text.charAt(end))) {
            // It shows a word in part: end it before that word, which goes on in the next message.
            int space = end - 1;
            while (space > from && !Character.isWhitespace(text.charAt(space))) {
                space--;
            }
            if (space - from < showing.length() / 2) {
                return this;
            }
            end = space;
        }
        List<Integer> more = new ArrayList<>(cuts);
        more.add(end);
        return new ReplyLayout(limit, more, text.substring(0, end));
    }

    /** The platform refused a message as too long: a shorter limit, and all split afresh at it. */
    ReplyLayout shorter() {
        return new ReplyLayout(Math.max(MIN_LIMIT, limit * 3 / 4), List.of(), "");
    }

    /** Messages from {@code index} on are posted again: only the ones before keep their text. */
    ReplyLayout keepingFirst(int index) {
        if (cuts.size() <= index) {
            return this;
        }
        List<Integer> fewer = cuts.subList(0, index);
        return new ReplyLayout(limit, fewer, fewer.isEmpty() ? "" : frozen.substring(0, fewer.get(fewer.size() - 1)));
    }

    /** The messages {@code content} takes, in order: the progress line and the buttons go under the last. */
    List<ReplyPart> parts(ReplyContent content) {
        String text = content.text();
        List<Integer> at = following(text).cuts;
        String tail = content.footer() == null ? "" : "\n\n" + content.footer();
        int room = Math.max(MIN_ROOM, limit - Math.max(tail.length(), Math.min(FOOTER_ROOM, limit / 4)));
        List<String> texts = new ArrayList<>();
        int from = 0;
        for (int cut : at) {
            texts.add(text.substring(from, cut).strip());
            from = cut;
        }
        String rest = text.substring(from);
        if (rest.isBlank() && !texts.isEmpty()) {
            rest = texts.remove(texts.size() - 1); // the text ends where a kept message does: that one is the last
        }
        if (rest.isEmpty() && content.placeholder()) {
            texts.add(""); // an empty acknowledgement (an append-only platform's): the message starts empty
        } else {
            texts.addAll(TextSplitter.split(rest.isEmpty() ? "…" : rest, room));
        }
        List<ReplyPart> out = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            boolean last = i == texts.size() - 1;
            String part = texts.get(i).strip();
            String shown = last && part.length() + tail.length() <= limit ? part + tail : part;
            out.add(new ReplyPart(new OutgoingMessage(shown.strip(), last ? content.actions() : List.of()),
                    content.placeholder() ? null : part));
        }
        return out;
    }
}
