package io.nemobot.slack.outbound;

import com.slack.api.model.block.ActionsBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.model.block.composition.MarkdownTextObject;
import com.slack.api.model.block.composition.PlainTextObject;
import com.slack.api.model.block.element.BlockElement;
import com.slack.api.model.block.element.ButtonElement;
import io.nemobot.chat.Action;
import io.nemobot.chat.OutgoingMessage;
import io.nemobot.chat.TextSplitter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An {@link OutgoingMessage} as Block Kit: the text in {@code mrkdwn} sections (Slack caps a section
 * at 3,000 characters), then one actions block with a button per core action, whose action id is
 * {@link Action#id()}.
 */
final class MessageLayout {
    static final int SECTION_LIMIT = 3000;
    static final String ACTIONS_BLOCK_ID = "nemo_actions";
    /** Slack refuses an empty section, and an empty message. */
    static final String EMPTY = "\u2026";

    private MessageLayout() {
    }

    /** The notification text that goes with the blocks. */
    static String fallback(OutgoingMessage message) {
        return TextSplitter.split(mrkdwn(message), SECTION_LIMIT).get(0);
    }

    static List<LayoutBlock> blocks(OutgoingMessage message) {
        List<LayoutBlock> blocks = new ArrayList<>();
        for (String piece : TextSplitter.split(mrkdwn(message), SECTION_LIMIT)) {
            blocks.add(SectionBlock.builder()
                    .text(MarkdownTextObject.builder().text(piece.isBlank() ? EMPTY : piece).build())
                    .build());
        }
        blocks.addAll(actionBlocks(message.actions()));
        return blocks;
    }

    /** The buttons alone (what {@code chat.stopStream} puts under a streamed text); empty for none. */
    static List<LayoutBlock> actionBlocks(List<Action> actions) {
        if (actions.isEmpty()) {
            return List.of();
        }
        List<BlockElement> buttons = new ArrayList<>();
        for (Action action : actions) {
            buttons.add(ButtonElement.builder()
                    .actionId(action.id())
                    .value(action.name().toLowerCase(Locale.ROOT))
                    .text(PlainTextObject.builder().text(action.label()).emoji(true).build())
                    .build());
        }
        return List.of(ActionsBlock.builder().blockId(ACTIONS_BLOCK_ID).elements(buttons).build());
    }

    private static String mrkdwn(OutgoingMessage message) {
        String text = SlackMarkup.mrkdwn(message.text());
        return text.isBlank() ? EMPTY : text;
    }
}
