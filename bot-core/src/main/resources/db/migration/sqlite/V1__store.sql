-- The store's first schema. Files made before Flyway already have it (PRAGMA user_version 1) and are
-- baselined at version 1 instead of running this.
CREATE TABLE credentials (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE threads (thread_key TEXT PRIMARY KEY, session_id TEXT, task_id TEXT, bind_id TEXT,
    skill_id TEXT NOT NULL, language TEXT NOT NULL, updated_at INTEGER NOT NULL);
CREATE TABLE pending_renders (render_id TEXT PRIMARY KEY, thread_key TEXT NOT NULL,
    session_id TEXT NOT NULL, skill_id TEXT NOT NULL, requester_id TEXT NOT NULL,
    requester_name TEXT, progress_message TEXT, started_at INTEGER NOT NULL);
CREATE TABLE open_turns (thread_key TEXT PRIMARY KEY, message TEXT, started_at INTEGER NOT NULL);
CREATE TABLE daily_turns (user_key TEXT NOT NULL, day TEXT NOT NULL, turns INTEGER NOT NULL,
    PRIMARY KEY (user_key, day));
-- What the store used before Flyway to know its version, kept so that file reads the same either way.
PRAGMA user_version = 1;
