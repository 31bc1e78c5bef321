package io.nemobot.testing;

import io.nemobot.config.PostgresUrl;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A real PostgreSQL server for tests, from Debian's {@code postgresql} package
 * ({@code /usr/lib/postgresql/<version>/bin}): a new cluster in a temporary directory, listening on
 * a free loopback port, stopped and deleted by {@link #close()}. {@code initdb} refuses to run as
 * root, so as root every server command runs as the {@code postgres} user ({@code runuser}).
 *
 * <p>{@link #shared()} is the one server of a test JVM (started on first use, stopped and deleted when
 * the JVM exits), so test classes share its start-up; each test takes a {@link #createDatabase()} of
 * its own.
 *
 * <p>Without the binaries a test is skipped, except under {@code CI=true}, where it fails: CI
 * installs the package ({@code .ci/run}), so a missing server there is a broken build, not a skip.
 */
public final class PostgresServer implements AutoCloseable {
    /** Where Debian installs the server, one folder per major version (the property is for other layouts). */
    private static final Path DEBIAN_BINARIES = Path.of(System.getProperty("nemo.test.postgres.root", "/usr/lib/postgresql"));
    private static final long COMMAND_TIMEOUT_SECONDS = 60;

    private final Path bin;
    private final Path dir;
    private final int port;
    private final boolean root;
    private final AtomicInteger databases = new AtomicInteger();
    private final Thread stopAtExit;
    private boolean running;

    private PostgresServer(Path bin, Path dir, int port, boolean root) {
        this.bin = bin;
        this.dir = dir;
        this.port = port;
        this.root = root;
        this.stopAtExit = new Thread(() -> {
            stopQuietly();
            delete();
        }, "postgres-test-server-stop");
    }

    private static PostgresServer shared;

    /** The server shared by this JVM's tests, started on first use; stopped and deleted when the JVM exits. */
    public static synchronized PostgresServer shared() {
        if (shared == null) {
            shared = start();
        }
        return shared;
    }

    /** Starts a new server, or skips the calling test (fails it under {@code CI=true}) when PostgreSQL is not installed. */
    public static PostgresServer start() {
        Optional<Path> bin = binaries();
        if (bin.isEmpty()) {
            String why = "PostgreSQL is not installed (no " + DEBIAN_BINARIES + "/*/bin/initdb; apt-get install postgresql)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException(why + "; under CI=true a test that needs PostgreSQL fails instead of skipping");
            }
            Assumptions.abort(why);
        }
        boolean root = "root".equals(System.getProperty("user.name"));
        Path dir;
        try {
            dir = Files.createTempDirectory("nemo-pg-");
            if (root) {
                UserPrincipal postgres = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
                Files.setOwner(dir, postgres);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare a directory for PostgreSQL", e);
        }
        PostgresServer server = new PostgresServer(bin.get(), dir, freePort(), root);
        try {
            server.run(List.of(bin.get().resolve("initdb").toString(), "-D", server.data(), "-U", "postgres", "-A", "trust",
                    "-E", "UTF8", "--locale=C", "--no-sync"));
            Runtime.getRuntime().addShutdownHook(server.stopAtExit);
            server.start(true);
            return server;
        } catch (RuntimeException e) {
            server.delete();
            throw e;
        }
    }

    /** Starts the server again on the same port and data, after {@link #stopAbruptly()}; nothing if it runs. */
    public void restart() {
        if (!running) {
            start(false);
        }
    }

    /** Stops the server at once, as a crash would (no checkpoint; the next start recovers from the WAL). */
    public void stopAbruptly() {
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", data(), "-m", "immediate", "-w", "stop"));
        running = false;
    }

    /** A new, empty database on this server. */
    public PostgresUrl createDatabase() {
        String name = "nemo_test_" + databases.incrementAndGet();
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), "postgres", "");
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name + ": " + e.getMessage(), e);
        }
        return new PostgresUrl(jdbcUrl(name), "postgres", null);
    }

    public int port() {
        return port;
    }

    /** Stops the server and deletes its directory. */
    @Override
    public void close() {
        stopQuietly();
        try {
            Runtime.getRuntime().removeShutdownHook(stopAtExit);
        } catch (IllegalStateException e) {
            // the JVM is already exiting: the hook does the stopping
        }
        delete();
    }

    private String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    private void start(boolean first) {
        String options = "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off"
                + " -c full_page_writes=off -c max_connections=60 -c shared_buffers=16MB";
        try {
            run(List.of(bin.resolve("pg_ctl").toString(), "-D", data(), "-l", dir.resolve("server.log").toString(),
                    "-w", "-t", "30", "-o", options, "start"));
        } catch (IllegalStateException e) {
            throw new IllegalStateException((first ? "" : "re") + "starting PostgreSQL failed; server log:\n" + serverLog(), e);
        }
        running = true;
    }

    private void stopQuietly() {
        if (!running) {
            return;
        }
        try {
            run(List.of(bin.resolve("pg_ctl").toString(), "-D", data(), "-m", "fast", "-w", "stop"));
        } catch (RuntimeException e) {
            System.err.println("PostgresServer: stopping failed: " + e.getMessage());
        }
        running = false;
    }

    private String data() {
        return dir.resolve("data").toString();
    }

    private void run(List<String> command) {
        List<String> full = new ArrayList<>();
        if (root) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        try {
            Path output = Files.createTempFile("nemo-pg-cmd-", ".log");
            try {
                Process p = new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(output.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
                if (!p.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new IllegalStateException(command.get(0) + " did not finish in " + COMMAND_TIMEOUT_SECONDS + "s");
                }
                if (p.exitValue() != 0) {
                    throw new IllegalStateException(String.join(" ", full) + " exited " + p.exitValue() + ":\n"
                            + Files.readString(output, StandardCharsets.UTF_8));
                }
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command.get(0), e);
        }
    }

    private String serverLog() {
        try {
            return Files.readString(dir.resolve("server.log"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private void delete() {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            System.err.println("PostgresServer: could not delete " + dir + ": " + e.getMessage());
        }
    }

    /** The newest Debian server installation, if any. */
    private static Optional<Path> binaries() {
        if (!Files.isDirectory(DEBIAN_BINARIES)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(DEBIAN_BINARIES)) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("pg_ctl")))
                    .max(Comparator.comparing(PostgresServer::majorVersion));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static int majorVersion(Path bin) {
        try {
            return Integer.parseInt(bin.getParent().getFileName().toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }
}
