-- The store's first schema (the same tables as SQLite's; times are epoch milliseconds).
CREATE TABLE credentials (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE threads (thread_key TEXT PRIMARY KEY, session_id TEXT, task_id TEXT, bind_id TEXT,
    skill_id TEXT NOT NULL, language TEXT NOT NULL, updated_at BIGINT NOT NULL);
CREATE TABLE pending_renders (render_id TEXT PRIMARY KEY, thread_key TEXT NOT NULL,
    session_id TEXT NOT NULL, skill_id TEXT NOT NULL, requester_id TEXT NOT NULL,
    requester_name TEXT, progress_message TEXT, started_at BIGINT NOT NULL);
CREATE TABLE open_turns (thread_key TEXT PRIMARY KEY, message TEXT, started_at BIGINT NOT NULL);
CREATE TABLE daily_turns (user_key TEXT NOT NULL, day TEXT NOT NULL, turns INTEGER NOT NULL,
    PRIMARY KEY (user_key, day));
