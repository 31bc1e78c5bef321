-- A click on one of the bot's buttons (io.nemobot.chat.Action's name: EXPORT, TIMELINE, CREDITS, RETRY) is
-- recorded as accepted like a message, so a process killed while it waits behind its thread's turn leaves it to
-- the next start, which runs it as that click. NULL: a message.
ALTER TABLE accepted_messages ADD COLUMN action TEXT;
