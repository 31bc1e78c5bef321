package io.nemobot.store;

import io.nemobot.chat.Action;
import io.nemobot.chat.Author;
import io.nemobot.chat.ThreadKey;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * The SQL every database store speaks, and how a row becomes a record. SQLite and PostgreSQL share
 * the upsert syntax ({@code ON CONFLICT ... DO UPDATE}), so one text serves both; times are epoch
 * milliseconds in an integer column.
 */
final class StoreSql {
    static final String CREDENTIAL = "SELECT value FROM credentials WHERE name = ?";
    static final String SAVE_CREDENTIAL = "INSERT INTO credentials (name, value) VALUES (?, ?)"
            + " ON CONFLICT (name) DO UPDATE SET value = excluded.value";

    static final String BINDING = "SELECT thread_key, session_id, task_id, bind_id, skill_id, language, updated_at"
            + " FROM threads WHERE thread_key = ?";
    static final String SAVE_BINDING = "INSERT INTO threads (thread_key, session_id, task_id, bind_id, skill_id,"
            + " language, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (thread_key) DO UPDATE SET"
            + " session_id = excluded.session_id, task_id = excluded.task_id, bind_id = excluded.bind_id,"
            + " skill_id = excluded.skill_id, language = excluded.language, updated_at = excluded.updated_at";

    static final String PENDING_RENDERS = "SELECT render_id, thread_key, session_id, skill_id, requester_id,"
            + " requester_name, progress_message, started_at, link_claimed, link_message FROM pending_renders"
            + " ORDER BY started_at, render_id";
    static final String SAVE_PENDING_RENDER = "INSERT INTO pending_renders (render_id, thread_key, session_id,"
            + " skill_id, requester_id, requester_name, progress_message, started_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT (render_id) DO UPDATE SET thread_key = excluded.thread_key,"
            + " session_id = excluded.session_id, skill_id = excluded.skill_id, requester_id = excluded.requester_id,"
            + " requester_name = excluded.requester_name, progress_message = excluded.progress_message,"
            + " started_at = excluded.started_at";
    static final String DELETE_PENDING_RENDER = "DELETE FROM pending_renders WHERE render_id = ?";
    /** The one claim of a render's link post: the row changes for the first claimer only. */
    static final String CLAIM_RENDER_LINK = "UPDATE pending_renders SET link_claimed = 1"
            + " WHERE render_id = ? AND link_claimed = 0";
    static final String RENDER_LINK_POSTED = "UPDATE pending_renders SET link_message = ?"
            + " WHERE render_id = ? AND link_claimed = 1";

    static final String OPEN_TURNS = "SELECT thread_key, message, settled, started_at FROM open_turns"
            + " ORDER BY started_at, thread_key";
    static final String SAVE_OPEN_TURN = "INSERT INTO open_turns (thread_key, message, settled, started_at)"
            + " VALUES (?, ?, ?, ?) ON CONFLICT (thread_key) DO UPDATE SET message = excluded.message,"
            + " settled = excluded.settled, started_at = excluded.started_at";
    static final String DELETE_OPEN_TURN = "DELETE FROM open_turns WHERE thread_key = ?";
    static final String OPEN_TURN = "SELECT thread_key, message, settled, started_at FROM open_turns"
            + " WHERE thread_key = ?";

    private static final String ACCEPTED_COLUMNS = "event_id, thread_key, owner, routed, author_id, author_name,"
            + " author_admin, text, locale, files, written_at, action";
    static final String SAVE_ACCEPTED = "INSERT INTO accepted_messages (" + ACCEPTED_COLUMNS + ")"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (event_id) DO NOTHING";
    static final String REMOVE_ACCEPTED = "DELETE FROM accepted_messages WHERE event_id = ? AND owner = ?";
    static final String OTHERS_ACCEPTED = "SELECT " + ACCEPTED_COLUMNS + " FROM accepted_messages WHERE owner <> ?"
            + " ORDER BY written_at, event_id";
    static final String ADOPT_ACCEPTED = "UPDATE accepted_messages SET owner = ? WHERE owner <> ?";
    static final String ACCEPTED = "SELECT " + ACCEPTED_COLUMNS + " FROM accepted_messages WHERE event_id = ?";
    static final String ALL_ACCEPTED = "SELECT " + ACCEPTED_COLUMNS + " FROM accepted_messages"
            + " ORDER BY written_at, event_id";

    static final String TURNS = "SELECT turns FROM daily_turns WHERE user_key = ? AND day = ?";
    static final String COUNT_TURN = "INSERT INTO daily_turns (user_key, day, turns) VALUES (?, ?, 1)"
            + " ON CONFLICT (user_key, day) DO UPDATE SET turns = daily_turns.turns + 1";

    static final String RECORD_USAGE = "INSERT INTO turn_usage (platform, workspace, channel, thread_key, user_id,"
            + " user_name, credits, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
    static final String USAGE = "SELECT channel, user_id, MAX(user_name), COUNT(*), SUM(credits) FROM turn_usage"
            + " WHERE platform = ? AND workspace = ? AND at >= ? GROUP BY channel, user_id ORDER BY channel, user_id";

    private StoreSql() {
    }

    static Object[] bindingArgs(ThreadBinding b) {
        return new Object[] {b.thread().id(), b.sessionId().orElse(null), b.taskId().orElse(null),
            b.bindId().orElse(null), b.skillId(), b.language(), b.updatedAt().toEpochMilli()};
    }

    static ThreadBinding binding(ResultSet rs) throws SQLException {
        return new ThreadBinding(ThreadKey.parse(rs.getString(1)), Optional.ofNullable(rs.getString(2)),
                Optional.ofNullable(rs.getString(3)), Optional.ofNullable(rs.getString(4)), rs.getString(5),
                rs.getString(6), Instant.ofEpochMilli(rs.getLong(7)));
    }

    static Object[] renderArgs(PendingRender r) {
        return new Object[] {r.renderId(), r.thread().id(), r.sessionId(), r.skillId(), r.requesterId(),
            r.requesterName(), r.progressMessage(), r.startedAt().toEpochMilli()};
    }

    static PendingRender render(ResultSet rs) throws SQLException {
        return new PendingRender(rs.getString(1), ThreadKey.parse(rs.getString(2)), rs.getString(3),
                rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
                Instant.ofEpochMilli(rs.getLong(8)), rs.getInt(9) != 0, rs.getString(10));
    }

    static Object[] usageArgs(TurnUsage u) {
        return new Object[] {u.thread().platform(), u.thread().workspace(), u.thread().channel(), u.thread().id(),
            u.userId(), u.userName(), u.credits(), u.at().toEpochMilli()};
    }

    static UsageTotal usageTotal(ResultSet rs) throws SQLException {
        return new UsageTotal(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getLong(5));
    }

    static Object[] turnArgs(OpenTurn t) {
        return new Object[] {t.thread().id(), t.message(), SettledMessage.encode(t.settled()),
            t.startedAt().toEpochMilli()};
    }

    static Object[] acceptedArgs(AcceptedMessage m) {
        return new Object[] {m.eventId(), m.thread().id(), m.owner(), m.routed() ? 1 : 0, m.author().id(),
            m.author().displayName(), m.author().admin() ? 1 : 0, m.text(), m.locale().map(Locale::toLanguageTag)
                .orElse(null), m.files(), AcceptedMessage.micros(m.writtenAt()), m.action().map(Action::name).orElse(null)};
    }

    static AcceptedMessage accepted(ResultSet rs) throws SQLException {
        return new AcceptedMessage(rs.getString(1), ThreadKey.parse(rs.getString(2)), rs.getString(3), rs.getInt(4) != 0,
                new Author(rs.getString(5), rs.getString(6), false, rs.getInt(7) != 0), rs.getString(8),
                Optional.ofNullable(rs.getString(9)).map(Locale::forLanguageTag), rs.getInt(10),
                AcceptedMessage.ofMicros(rs.getLong(11)), Optional.ofNullable(rs.getString(12)).map(Action::valueOf));
    }

    static OpenTurn turn(ResultSet rs) throws SQLException {
        return new OpenTurn(ThreadKey.parse(rs.getString(1)), rs.getString(2), SettledMessage.decode(rs.getString(3)),
                Instant.ofEpochMilli(rs.getLong(4)));
    }
}
