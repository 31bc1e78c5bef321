package io.nemobot.bench;

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
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The fleet runs' PostgreSQL, as the core's tests start theirs (io.nemobot.testing.PostgresServer, test
 * code the benchmark cannot depend on): Debian's binaries ({@code /usr/lib/postgresql/<version>/bin}), a new
 * cluster in a temporary directory (on tmpfs, {@code /dev/shm}, when there is one, as the soak's SQLite file:
 * this shared machine's disk would make commits wait on other people's builds) on a free loopback port, with
 * the server's default durability settings ({@code fsync} on), every command as the {@code postgres} user when run as root
 * ({@code initdb} refuses root). {@link #cpuNanos()} is the server's CPU: the postmaster and its live
 * backends, plus what the backends that already ended used (the postmaster's reaped children).
 */
final class BenchPostgres implements AutoCloseable {
    private static final Path DEBIAN = Path.of("/usr/lib/postgresql");

    private final Path bin;
    private final Path dir;
    private final int port;
    private final boolean root;
    private boolean running;

    private BenchPostgres(Path bin, Path dir, int port, boolean root) {
        this.bin = bin;
        this.dir = dir;
        this.port = port;
        this.root = root;
    }

    /** Starts a fresh server with one database, {@code nemo}. */
    static BenchPostgres start() {
        Path bin = binaries();
        boolean root = "root".equals(System.getProperty("user.name"));
        try {
            Path shm = Path.of("/dev/shm");
            Path dir = Files.isDirectory(shm) ? Files.createTempDirectory(shm, "nemo-bench-pg-")
                    : Files.createTempDirectory("nemo-bench-pg-");
            if (root) {
                UserPrincipal postgres = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
                Files.setOwner(dir, postgres);
            }
            BenchPostgres pg = new BenchPostgres(bin, dir, freePort(), root);
            pg.run(List.of(bin.resolve("initdb").toString(), "-D", pg.data(), "-U", "postgres", "-A", "trust", "-E", "UTF8",
                    "--locale=C", "--no-sync"));
            String options = "-p " + pg.port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c max_connections=100"
                    + " -c shared_buffers=64MB";
            pg.run(List.of(bin.resolve("pg_ctl").toString(), "-D", pg.data(), "-l", dir.resolve("server.log").toString(), "-w",
                    "-t", "60", "-o", options, "start"));
            pg.running = true;
            try (Connection c = DriverManager.getConnection(pg.jdbcUrl("postgres"), "postgres", "");
                    Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE nemo");
            }
            return pg;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare PostgreSQL", e);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the bench database: " + e.getMessage(), e);
        }
    }

    /** The bot's {@code NEMO_DATABASE_URL}. */
    String url() {
        return jdbcUrl("nemo") + "?user=postgres";
    }

    /** The server's CPU so far (live processes, and the children it has reaped). */
    long cpuNanos() {
        long postmaster = postmasterPid();
        if (postmaster <= 0) {
            return 0;
        }
        long total = ProcessStats.procCpu(postmaster) + reapedChildren(postmaster);
        for (ProcessHandle child : ProcessHandle.of(postmaster).map(p -> p.children().toList()).orElse(List.of())) {
            total += ProcessStats.procCpu(child.pid());
        }
        return total;
    }

    private long postmasterPid() {
        try {
            return Long.parseLong(Files.readAllLines(Path.of(data(), "postmaster.pid")).get(0).strip());
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** cutime + cstime of /proc/PID/stat: CPU of the children the process has waited for. */
    private static long reapedChildren(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[13]) + Long.parseLong(f[14])) * 10_000_000L;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    @Override
    public void close() {
        if (running) {
            try {
                run(List.of(bin.resolve("pg_ctl").toString(), "-D", data(), "-m", "fast", "-w", "stop"));
            } catch (RuntimeException e) {
                System.err.println("[bench] stopping PostgreSQL failed: " + e.getMessage());
            }
            running = false;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            System.err.println("[bench] could not delete " + dir + ": " + e.getMessage());
        }
    }

    private String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
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
            Path output = Files.createTempFile("nemo-bench-pg-", ".log");
            try {
                Process p = new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(output.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
                if (!p.waitFor(90, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new IllegalStateException(command.get(0) + " did not finish in 90 s");
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

    private static Path binaries() {
        try (Stream<Path> versions = Files.list(DEBIAN)) {
            return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb")))
                    .max(Comparator.comparing(b -> b.getParent().getFileName().toString()))
                    .orElseThrow(() -> new IllegalStateException("no " + DEBIAN + "/*/bin/initdb: apt-get install postgresql"));
        } catch (IOException e) {
            throw new IllegalStateException("PostgreSQL is not installed (no " + DEBIAN + "): apt-get install postgresql", e);
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
