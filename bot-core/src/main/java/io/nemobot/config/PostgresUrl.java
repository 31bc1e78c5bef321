package io.nemobot.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the PostgreSQL store lives ({@code NEMO_DATABASE_URL}), in either form operators have at
 * hand: a JDBC URL ({@code jdbc:postgresql://host:port/db?user=...}) or a libpq/Heroku-style URL
 * ({@code postgres://user:password@host:port/db}). The credentials are kept apart from the JDBC URL,
 * so the URL can be logged and a message can name the server without ever showing the password.
 *
 * @param jdbcUrl  the JDBC URL without user or password
 * @param user     the user, or null for the driver's default
 * @param password the password, or null
 */
public record PostgresUrl(String jdbcUrl, String user, String password) {
    private static final String JDBC = "jdbc:postgresql://";
    /** What an operator should write, for messages. */
    public static final String EXPECTED = "expected jdbc:postgresql://host:port/database or postgres://user:password@host:port/database";

    public PostgresUrl {
        if (jdbcUrl == null || !jdbcUrl.startsWith(JDBC)) {
            throw new IllegalArgumentException("jdbcUrl: must start with " + JDBC);
        }
        if (jdbcUrl.contains("password=")) {
            throw new IllegalArgumentException("jdbcUrl: the password goes in its own field, not in the URL");
        }
    }

    /** Reads either form; the message of a failure never repeats the text (it may hold a password). */
    public static PostgresUrl parse(String text) {
        String t = text == null ? "" : text.strip();
        if (t.startsWith(JDBC)) {
            return fromJdbc(t);
        }
        if (t.startsWith("postgres://") || t.startsWith("postgresql://")) {
            return fromUri(t);
        }
        throw new IllegalArgumentException(EXPECTED);
    }

    private static PostgresUrl fromJdbc(String t) {
        int q = t.indexOf('?');
        String base = q < 0 ? t : t.substring(0, q);
        if (base.length() == JDBC.length() || base.indexOf('/', JDBC.length()) < 0) {
            throw new IllegalArgumentException("names no host and database; " + EXPECTED);
        }
        Query query = Query.split(q < 0 ? "" : t.substring(q + 1));
        return new PostgresUrl(base + query.rest(), query.user, query.password);
    }

    private static PostgresUrl fromUri(String t) {
        URI uri;
        try {
            uri = new URI(t);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("is not a valid URL (a special character in the password must be %-encoded); "
                    + EXPECTED);
        }
        String path = uri.getRawPath();
        if (uri.getHost() == null || path == null || path.length() <= 1) {
            throw new IllegalArgumentException("names no host and database; " + EXPECTED);
        }
        String user = null;
        String password = null;
        String info = uri.getRawUserInfo();
        if (info != null) {
            int colon = info.indexOf(':');
            user = decode(colon < 0 ? info : info.substring(0, colon));
            password = colon < 0 ? null : decode(info.substring(colon + 1));
        }
        Query query = Query.split(uri.getRawQuery() == null ? "" : uri.getRawQuery());
        String host = uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
        return new PostgresUrl(JDBC + host + path + query.rest(),
                query.user != null ? query.user : user, query.password != null ? query.password : password);
    }

    /** The server and database, for messages: {@code host:port/db}. */
    public String server() {
        String rest = jdbcUrl.substring(JDBC.length());
        int q = rest.indexOf('?');
        return q < 0 ? rest : rest.substring(0, q);
    }

    @Override
    public String toString() {
        return jdbcUrl + (user == null ? "" : " as " + user) + (password == null ? "" : " (password set)");
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** A query string with {@code user} and {@code password} taken out. */
    private static final class Query {
        String user;
        String password;
        final List<String> others = new ArrayList<>();

        static Query split(String raw) {
            Query q = new Query();
            for (String pair : raw.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String key = eq < 0 ? pair : pair.substring(0, eq);
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                switch (key) {
                    case "user" -> q.user = value;
                    case "password" -> q.password = value;
                    default -> q.others.add(pair);
                }
            }
            return q;
        }

        String rest() {
            return others.isEmpty() ? "" : "?" + String.join("&", others);
        }
    }
}
