package io.nemobot.render;

import io.nemobot.chat.ChatThread;
import io.nemobot.fleet.Fleet;
import io.nemobot.reply.LandingRecord;
import io.nemobot.reply.Platforms;
import io.nemobot.store.PendingRender;
import io.nemobot.store.Store;
import io.nemobot.words.Messages;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts a finished render's link in its thread once, whichever process finishes the render and
 * whatever died before. Why this way: a process can die between posting the link and forgetting the
 * render, and the one taking the render over then sees a completed render and would post again. A
 * platform post cannot be made idempotent (Slack has no key for it) and the core cannot read a thread
 * back, so the post is guarded by the store instead: the poster claims it ({@code link_claimed}, one
 * atomic statement that in a fleet also requires holding the render's lease, so a process that paused
 * past its lease cannot claim) before posting, and saves the message's id the moment it lands. A taker
 * reads both: with an id, the link is in the thread and nothing is posted; with no claim, it posts.
 * With a claim and no id the poster died within its post, which may or may not have landed: the link
 * message is then never posted again (at most once, no second mention) and the link goes into the
 * progress message's last text instead (an edit of the one recorded message: repeating it is
 * harmless), so it is visible either way. Only a death in the milliseconds between the post landing
 * and its id being saved can show the link twice (in the post and in the progress message); none shows
 * it zero times. Exactly once in that window too would need reading the thread back, which not every
 * platform offers the core.
 */
final class RenderLinks {
    private static final Logger LOG = LoggerFactory.getLogger(RenderLinks.class);
    private static final Duration POST_WAIT = Duration.ofSeconds(30);

    private final Store store;
    private final Fleet fleet;
    private final Platforms platforms;

    RenderLinks(Store store, Fleet fleet, Platforms platforms) {
        this.store = Objects.requireNonNull(store, "store");
        this.fleet = Objects.requireNonNull(fleet, "fleet");
        this.platforms = Objects.requireNonNull(platforms, "platforms");
    }

    /** The progress message's last text for a completed render: carrying the link when an earlier poster died mid-post. */
    String doneText(PendingRender render, Messages words, String url) {
        return diedPosting(render) ? words.get("export.done.link", "url", url) : words.get("export.done");
    }

    /** Posts the link message unless it was claimed before (by this render's earlier holder) or another process holds the render. */
    void post(PendingRender render, ChatThread chat, String text) {
        String id = render.renderId();
        if (render.linkClaimed()) {
            LOG.info("Render {}: its link was {}; not posted again", id,
                    diedPosting(render) ? "being posted when its process died (it is in the progress message)"
                            : "posted before, as message " + render.linkMessage());
            return;
        }
        if (!fleet.claimRenderLink(id)) {
            LOG.info("Render {}: another process took it over and posts its link", id);
            return;
        }
        LandingRecord landed = new LandingRecord((message, before) -> {
            if (message != null) {
                store.renderLinkPosted(id, message.id());
            }
        });
        try {
            platforms.reply(chat, landed).finish(text, List.of()).get(POST_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            LOG.info("Render {} of {} delivered", id, render.thread());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            LOG.warn("The link of render {} could not be posted: {}", id, e.getCause().toString());
        } catch (TimeoutException e) {
            LOG.warn("The link of render {} was not posted within {}", id, POST_WAIT);
        }
    }

    private static boolean diedPosting(PendingRender render) {
        return render.linkClaimed() && render.linkMessage() == null;
    }
}
