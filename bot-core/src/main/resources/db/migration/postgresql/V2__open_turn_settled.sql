-- The messages of an interrupted reply before its last one, with the text each keeps (SettledMessage's
-- encoding), so a restart mends them all.
ALTER TABLE open_turns ADD COLUMN settled TEXT;
