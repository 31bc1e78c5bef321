-- What each chat turn cost, for the operator's /nemo usage: one row per turn, by workspace, channel and
-- user (ids as the platform gives them; the name as it was shown then), with the credits it spent.
CREATE TABLE turn_usage (platform TEXT NOT NULL, workspace TEXT NOT NULL, channel TEXT NOT NULL,
    thread_key TEXT NOT NULL, user_id TEXT NOT NULL, user_name TEXT, credits INTEGER NOT NULL,
    at INTEGER NOT NULL);
CREATE INDEX turn_usage_by_workspace ON turn_usage (platform, workspace, at);
