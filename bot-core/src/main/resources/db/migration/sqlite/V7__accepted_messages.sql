-- Messages the process accepted (acknowledged to the platform, which will not deliver them again) and whose turn
-- has not started yet: queued behind their thread's turn or waiting in its lane (io.nemobot.store.AcceptedMessage).
-- A row goes when its turn starts or the message is dropped with words to the user; the next start runs what
-- an earlier run left here (it never reached the backend). owner is the run that accepted it; written_at is
-- the platform's time of the message in epoch microseconds.
CREATE TABLE accepted_messages (event_id TEXT PRIMARY KEY, thread_key TEXT NOT NULL, owner TEXT NOT NULL,
    routed INTEGER NOT NULL, author_id TEXT NOT NULL, author_name TEXT NOT NULL, author_admin INTEGER NOT NULL,
    text TEXT NOT NULL, locale TEXT, files INTEGER NOT NULL, written_at INTEGER NOT NULL);
