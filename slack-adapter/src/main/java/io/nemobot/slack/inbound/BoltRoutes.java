package io.nemobot.slack.inbound;

import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.bolt.App;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.response.Response;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires a Bolt {@link App} to a {@link SlackInbox}: the events middleware, every slash command of the
 * app (the manifest defines {@code /nemo}; a renamed command works the same), and the core's buttons.
 */
public final class BoltRoutes {
    private static final Logger log = LoggerFactory.getLogger(BoltRoutes.class);
    private static final Pattern ANY_COMMAND = Pattern.compile("^/.+$");
    private static final Pattern CORE_BUTTONS = Pattern.compile("^nemo:.+$");

    private BoltRoutes() {
    }

    public static App install(App app, SlackInbox inbox, Clock clock) {
        app.use(new EventRouter(inbox, clock));
        app.command(ANY_COMMAND, (req, ctx) -> command(inbox, req, ctx));
        app.blockAction(CORE_BUTTONS, (req, ctx) -> click(inbox, req, ctx));
        return app;
    }

    private static Response command(SlackInbox inbox, SlashCommandRequest req, SlashCommandContext ctx) {
        SlashCommandPayload p = req.getPayload();
        SlashCommand command = new SlashCommand(p.getTeamId(), p.getChannelId(), p.getUserId(), p.getUserName(),
                p.getText(), p.getTriggerId());
        Optional<String> answer = inbox.command(command, text -> {
            try {
                ctx.respond(text);
            } catch (IOException | RuntimeException e) {
                log.info("Could not answer /nemo privately in {}: {}", p.getChannelId(), e.getMessage());
            }
        });
        return answer.map(ctx::ack).orElseGet(ctx::ack);
    }

    private static Response click(SlackInbox inbox, BlockActionRequest req, ActionContext ctx) {
        BlockActionPayload p = req.getPayload();
        if (p.getActions() == null || p.getActions().isEmpty() || p.getUser() == null) {
            return ctx.ack();
        }
        BlockActionPayload.Action action = p.getActions().get(0);
        BlockActionPayload.Container container = p.getContainer();
        String channel = first(container == null ? null : container.getChannelId(),
                p.getChannel() == null ? null : p.getChannel().getId());
        String messageTs = first(container == null ? null : container.getMessageTs(),
                p.getMessage() == null ? null : p.getMessage().getTs());
        String threadTs = first(container == null ? null : container.getThreadTs(),
                p.getMessage() == null ? null : p.getMessage().getThreadTs(), messageTs);
        String team = first(p.getTeam() == null ? null : p.getTeam().getId(), p.getUser().getTeamId(),
                ctx.getTeamId());
        if (channel == null || messageTs == null || team == null) {
            return ctx.ack();
        }
        inbox.click(new ButtonClick(team, channel, threadTs, messageTs, p.getUser().getId(),
                first(p.getUser().getName(), p.getUser().getUsername()), action.getActionId(),
                first(action.getActionTs(), p.getTriggerId())));
        return ctx.ack();
    }

    private static String first(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }
}
