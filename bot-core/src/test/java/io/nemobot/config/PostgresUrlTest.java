package io.nemobot.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PostgresUrlTest {
    @Test
    void aLibpqUrlBecomesAJdbcUrlWithTheCredentialsApart() {
        PostgresUrl u = PostgresUrl.parse("postgres://nemo:p%40ss:w0rd@db.example:6543/nemobot?sslmode=require");
        assertEquals("jdbc:postgresql://db.example:6543/nemobot?sslmode=require", u.jdbcUrl());
        assertEquals("nemo", u.user());
        assertEquals("p@ss:w0rd", u.password());
        assertEquals("db.example:6543/nemobot", u.server());
    }

    @Test
    void thePostgresqlSchemeAndADefaultPortWork() {
        PostgresUrl u = PostgresUrl.parse("postgresql://nemo@localhost/nemobot");
        assertEquals("jdbc:postgresql://localhost/nemobot", u.jdbcUrl());
        assertEquals("nemo", u.user());
        assertNull(u.password());
    }

    @Test
    void aJdbcUrlKeepsItsOptionsAndGivesUpItsCredentials() {
        PostgresUrl u = PostgresUrl.parse("jdbc:postgresql://h1:5432,h2:5432/nemobot?user=nemo&password=fake%26pw&ssl=true");
        assertEquals("jdbc:postgresql://h1:5432,h2:5432/nemobot?ssl=true", u.jdbcUrl());
        assertEquals("nemo", u.user());
        assertEquals("fake&pw", u.password());
    }

    @Test
    void thePasswordIsNeverShown() {
        PostgresUrl u = PostgresUrl.parse("postgres://nemo:fake-secret@db:5432/nemobot");
        assertFalse(u.toString().contains("fake-secret"), u.toString());
        assertTrue(u.toString().contains("db:5432/nemobot"), u.toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PostgresUrl.parse("mysql://nemo:fake-secret@db/nemobot"));
        assertFalse(e.getMessage().contains("fake-secret"), e.getMessage());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> PostgresUrl.parse("postgres://nemo:fake secret@db/nemobot"));
        assertFalse(bad.getMessage().contains("fake secret"), bad.getMessage());
    }

    @Test
    void aUrlWithoutADatabaseIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> PostgresUrl.parse("postgres://nemo@db:5432"));
        assertThrows(IllegalArgumentException.class, () -> PostgresUrl.parse("jdbc:postgresql://db"));
        assertThrows(IllegalArgumentException.class, () -> PostgresUrl.parse(""));
    }
}
