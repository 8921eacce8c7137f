package io.vivace.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vivace.config.ConfigException;
import org.junit.jupiter.api.Test;

class DatabaseUrlTest {

  @Test
  void parsesFullAndShortForms() {
    assertEquals(new DatabaseUrl("db.example", 6543, "shop", "app", "s3cr:t@"),
        DatabaseUrl.parse("DATABASE_URL", "postgresql://app:s3cr%3At%40@db.example:6543/shop"));
    assertEquals(new DatabaseUrl("127.0.0.1", 5432, "postgres", "postgres", null),
        DatabaseUrl.parse("DATABASE_URL", "postgres://127.0.0.1"));
    assertEquals("jdbc:postgresql://127.0.0.1:5432/postgres",
        DatabaseUrl.parse("DATABASE_URL", "postgres://127.0.0.1").jdbcUrl());
  }

  @Test
  void neverShowsThePassword() {
    DatabaseUrl url = DatabaseUrl.parse("DATABASE_URL", "postgres://app:hunter2@db:5432/shop");
    assertEquals("postgres://app:***@db:5432/shop", url.toString());
    ConfigException e = assertThrows(ConfigException.class,
        () -> DatabaseUrl.parse("DATABASE_URL", "mysql://app:hunter2@db/shop"));
    assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
    assertEquals("DATABASE_URL: expected postgres://user:password@host:port/database, got \"mysql://app:***@db/shop\"",
        e.getMessage());
  }

  @Test
  void rejectsWhatIsNotAPostgresUrl() {
    assertThrows(ConfigException.class, () -> DatabaseUrl.parse("DATABASE_URL", "postgres:///nohost"));
    assertThrows(ConfigException.class, () -> DatabaseUrl.parse("DATABASE_URL", "not a url"));
    assertNull(DatabaseUrl.parse("DATABASE_URL", "postgres://u@h/d").password());
  }
}
