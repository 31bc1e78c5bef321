package io.nemobot.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs Prometheus' {@code promtool} (Debian's {@code prometheus} package, which {@code .ci/run}
 * installs). Where it is missing the test is skipped, except under {@code CI=true}, where a missing
 * tool is a failure: CI must not pass by checking nothing.
 */
public final class PromTool {
    /** What promtool printed and how it exited. */
    public record Result(int exitCode, String output) {
    }

    private final Path binary;

    private PromTool(Path binary) {
        this.binary = binary;
    }

    /** The installed promtool; skips the test where it is missing, fails under CI. */
    public static PromTool require() {
        Optional<Path> found = find();
        if (found.isEmpty()) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail("promtool is not installed (apt-get install prometheus; .ci/run does it)");
            }
            assumeTrue(false, "promtool is not installed (apt-get install prometheus)");
        }
        return new PromTool(found.get());
    }

    static Optional<Path> find() {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "promtool");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Runs {@code promtool <args>} with the given standard input (may be empty), up to 60 s. */
    public Result run(String stdin, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(binary.toString());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (var in = p.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("promtool did not finish within 60 s: " + command);
        }
        return new Result(p.exitValue(), output);
    }
}
