package io.nemobot.store;

import java.util.Arrays;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.MigrationVersion;

/**
 * Versioned schema migrations for both database stores, by Flyway: the SQL files under
 * {@code db/migration/sqlite} and {@code db/migration/postgresql} run in version order when a store
 * opens, and a database migrated by a newer bot is refused rather than misread.
 */
final class Migrations {
    /** The version SQLite files made before Flyway are at (their {@code PRAGMA user_version}). */
    static final String PRE_FLYWAY_VERSION = "1";

    private Migrations() {
    }

    /**
     * Brings the database to the newest schema this bot knows.
     *
     * @param vendor        {@code sqlite} or {@code postgresql}: the folder of its migrations
     * @param where         the database, for messages (never with a password)
     * @param baselineFiles whether a non-empty database without Flyway's history is one made before
     *                      Flyway (SQLite files of earlier versions) and starts at {@link #PRE_FLYWAY_VERSION}
     */
    static void apply(DataSource dataSource, String vendor, String where, boolean baselineFiles) {
        Flyway flyway = Flyway.configure(Migrations.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration/" + vendor)
                .baselineOnMigrate(baselineFiles)
                .baselineVersion(PRE_FLYWAY_VERSION)
                .baselineDescription("schema made before Flyway")
                .load();
        try {
            Optional<MigrationInfo> future = Arrays.stream(flyway.info().all())
                    .filter(m -> m.getState() == MigrationState.FUTURE_SUCCESS || m.getState() == MigrationState.FUTURE_FAILED)
                    .reduce((a, b) -> b);
            if (future.isPresent()) {
                throw new StoreException("the store at " + where + " has schema version " + future.get().getVersion()
                        + ", newer than this bot knows (" + latestKnown(flyway) + "); upgrade the bot", null);
            }
            flyway.migrate();
        } catch (FlywayException e) {
            throw new StoreException("cannot migrate the store at " + where + ": " + e.getMessage(), e);
        }
    }

    private static String latestKnown(Flyway flyway) {
        return Arrays.stream(flyway.info().all())
                .filter(m -> m.getState() != MigrationState.FUTURE_SUCCESS && m.getState() != MigrationState.FUTURE_FAILED)
                .map(MigrationInfo::getVersion)
                .filter(v -> v != null)
                .max(MigrationVersion::compareTo)
                .map(MigrationVersion::toString)
                .orElse("none");
    }
}
