package io.nemobot.store;

import io.nemobot.chat.ThreadKey;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * A {@link Store} in SQL: every operation is a {@link SqlWork} on {@link StoreSql}'s statements, and a
 * subclass decides only how reads and writes reach the database (SQLite: one writer thread with group
 * commit and a reading connection; PostgreSQL: a connection pool), so the two stores cannot drift
 * apart in what they save.
 */
abstract class SqlStore implements Store {
    /** Runs a read and answers what it read. */
    abstract <T> T read(SqlWork<T> work);

    /**
     * Runs a write in a transaction and returns once it is committed and durable; {@code onCommit}
     * (may be null) runs after the commit, in commit order, before this returns.
     */
    abstract <T> T write(SqlWork<T> work, Runnable onCommit);

    /** One statement as a write (also the tests' seam for a write that fails). */
    final void writeThen(Runnable onCommit, String sql, Object... args) {
        write(s -> s.update(sql, args), onCommit);
    }

    @Override
    public Optional<String> credential(String name) {
        return first(read(s -> s.query(StoreSql.CREDENTIAL, rs -> rs.getString(1), name)));
    }

    @Override
    public void saveCredential(String name, String value) {
        writeThen(null, StoreSql.SAVE_CREDENTIAL, name, value);
    }

    @Override
    public Optional<ThreadBinding> binding(ThreadKey thread) {
        return first(read(s -> s.query(StoreSql.BINDING, StoreSql::binding, thread.id())));
    }

    @Override
    public void saveBinding(ThreadBinding binding) {
        writeThen(null, StoreSql.SAVE_BINDING, StoreSql.bindingArgs(binding));
    }

    @Override
    public void savePendingRender(PendingRender render) {
        writeThen(null, StoreSql.SAVE_PENDING_RENDER, StoreSql.renderArgs(render));
    }

    @Override
    public void deletePendingRender(String renderId) {
        writeThen(null, StoreSql.DELETE_PENDING_RENDER, renderId);
    }

    @Override
    public boolean claimRenderLink(String renderId) {
        return write(s -> s.update(StoreSql.CLAIM_RENDER_LINK, renderId), null) == 1;
    }

    @Override
    public void renderLinkPosted(String renderId, String messageId) {
        writeThen(null, StoreSql.RENDER_LINK_POSTED, messageId, renderId);
    }

    @Override
    public List<PendingRender> pendingRenders() {
        return read(s -> s.query(StoreSql.PENDING_RENDERS, StoreSql::render));
    }

    @Override
    public void saveOpenTurn(OpenTurn turn) {
        writeThen(null, StoreSql.SAVE_OPEN_TURN, StoreSql.turnArgs(turn));
    }

    @Override
    public void deleteOpenTurn(ThreadKey thread) {
        writeThen(null, StoreSql.DELETE_OPEN_TURN, thread.id());
    }

    @Override
    public List<OpenTurn> openTurns() {
        return read(s -> s.query(StoreSql.OPEN_TURNS, StoreSql::turn));
    }

    @Override
    public Optional<OpenTurn> openTurn(ThreadKey thread) {
        return first(read(s -> s.query(StoreSql.OPEN_TURN, StoreSql::turn, thread.id())));
    }

    @Override
    public void saveAcceptedMessage(AcceptedMessage message) {
        writeThen(null, StoreSql.SAVE_ACCEPTED, StoreSql.acceptedArgs(message));
    }

    @Override
    public boolean removeAcceptedMessage(String eventId, String owner) {
        return write(s -> s.update(StoreSql.REMOVE_ACCEPTED, eventId, owner), null) == 1;
    }

    @Override
    public List<AcceptedMessage> adoptAcceptedMessages(String owner) {
        return write(s -> {
            List<AcceptedMessage> earlier = s.query(StoreSql.OTHERS_ACCEPTED, StoreSql::accepted, owner);
            s.update(StoreSql.ADOPT_ACCEPTED, owner, owner);
            return earlier.stream().map(m -> m.ownedBy(owner)).toList();
        }, null);
    }

    @Override
    public Optional<AcceptedMessage> acceptedMessage(String eventId) {
        return first(read(s -> s.query(StoreSql.ACCEPTED, StoreSql::accepted, eventId)));
    }

    @Override
    public List<AcceptedMessage> acceptedMessages() {
        return read(s -> s.query(StoreSql.ALL_ACCEPTED, StoreSql::accepted));
    }

    @Override
    public int countTurn(String userKey, LocalDate day) {
        // Counted and read in one transaction: the answer is this turn's number, even under contention.
        return write(s -> {
            s.update(StoreSql.COUNT_TURN, userKey, day.toString());
            return first(s.query(StoreSql.TURNS, rs -> rs.getInt(1), userKey, day.toString())).orElseThrow();
        }, null);
    }

    @Override
    public int turns(String userKey, LocalDate day) {
        return first(read(s -> s.query(StoreSql.TURNS, rs -> rs.getInt(1), userKey, day.toString()))).orElse(0);
    }

    @Override
    public void recordUsage(TurnUsage usage) {
        writeThen(null, StoreSql.RECORD_USAGE, StoreSql.usageArgs(usage));
    }

    @Override
    public List<UsageTotal> usage(String platform, String workspace, Instant since) {
        return read(s -> s.query(StoreSql.USAGE, StoreSql::usageTotal, platform, workspace, since.toEpochMilli()));
    }

    private static <T> Optional<T> first(List<T> rows) {
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }
}
