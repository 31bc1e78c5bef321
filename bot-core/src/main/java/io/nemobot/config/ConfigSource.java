package io.nemobot.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/** Where configuration files come from: the operator's {@code config/} directory or the copy bundled in the jar. */
@FunctionalInterface
public interface ConfigSource {
    /** The properties file at that path relative to the config root, if present. */
    Optional<Properties> read(String relativePath);

    static ConfigSource directory(Path dir) {
        return path -> {
            Path file = dir.resolve(path);
            return Files.isRegularFile(file) ? Optional.of(Settings.readProperties(file)) : Optional.empty();
        };
    }

    static ConfigSource classpath() {
        return path -> {
            Properties p = Settings.readResource("config/" + path);
            return p.isEmpty() ? Optional.empty() : Optional.of(p);
        };
    }

    /** This source, falling back to another for files it lacks. */
    default ConfigSource orElse(ConfigSource fallback) {
        return path -> read(path).or(() -> fallback.read(path));
    }
}
