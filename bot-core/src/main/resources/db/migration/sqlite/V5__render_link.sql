-- A finished render's link is posted exactly once, across crashes and processes (io.nemobot.render.RenderLinks):
-- link_claimed is set (1) by the one process that posts it, before it posts; link_message is the posted
-- message's id, saved when it landed. A process taking the render over reads both before posting anything.
ALTER TABLE pending_renders ADD COLUMN link_claimed INTEGER NOT NULL DEFAULT 0;
ALTER TABLE pending_renders ADD COLUMN link_message TEXT;
