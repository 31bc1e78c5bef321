package io.nemobot.app;

import io.nemobot.config.PostgresUrl;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/** What the packaged-process fleet tests read and clean up outside the processes: their database and work files. */
final class FleetFiles {
    private FleetFiles() {
    }

    /** The first row's first column of a query on the fleet's database, if it has a row with a value. */
    static Optional<String> stored(PostgresUrl database, String query) {
        try (Connection c = DriverManager.getConnection(database.jdbcUrl(), database.user(), "");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(query)) {
            return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Deletes a directory and everything in it (nothing if it is not there). */
    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
