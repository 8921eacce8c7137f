package io.vivace.db;

import io.vivace.config.ConfigException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Where a PostgreSQL database is: {@code postgres://user:password@host:port/database} (also
 * {@code postgresql://}; port 5432, user and database {@code postgres} when left out; user and
 * password percent-decoded). {@link #toString()} never shows the password. Immutable.
 *
 * @param host host name or address
 * @param port TCP port
 * @param database database name
 * @param user user name
 * @param password password, or null for none (trust or peer authentication)
 */
public record DatabaseUrl(String host, int port, String database, String user, String password) {
  public DatabaseUrl {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(database, "database");
    Objects.requireNonNull(user, "user");
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port must be 1..65535, got " + port);
    }
  }

  /**
   * Parses a URL given in the setting {@code setting} (named in the error).
   *
   * @throws ConfigException naming the setting, with the password masked
   */
  public static DatabaseUrl parse(String setting, String url) {
    URI uri;
    try {
      uri = new URI(url.trim());
    } catch (URISyntaxException e) {
      throw invalid(setting, url);
    }
    if (!"postgres".equals(uri.getScheme()) && !"postgresql".equals(uri.getScheme())) {
      throw invalid(setting, url);
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      throw invalid(setting, url);
    }
    String user = "postgres";
    String password = null;
    if (uri.getRawUserInfo() != null) {
      String info = uri.getRawUserInfo();
      int colon = info.indexOf(':');
      user = decode(colon < 0 ? info : info.substring(0, colon));
      password = colon < 0 ? null : decode(info.substring(colon + 1));
    }
    String path = uri.getPath() == null ? "" : uri.getPath();
    String database = path.length() > 1 ? path.substring(1) : "postgres";
    return new DatabaseUrl(uri.getHost(), uri.getPort() == -1 ? 5432 : uri.getPort(), database, user, password);
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  private static ConfigException invalid(String setting, String url) {
    return new ConfigException(setting + ": expected postgres://user:password@host:port/database, got \""
        + mask(url) + "\"");
  }

  /** The URL with any password replaced by {@code ***}. */
  static String mask(String url) {
    int scheme = url.indexOf("://");
    int at = url.lastIndexOf('@');
    if (scheme < 0 || at < scheme) {
      return url;
    }
    int colon = url.indexOf(':', scheme + 3);
    return colon > 0 && colon < at ? url.substring(0, colon + 1) + "***" + url.substring(at) : url;
  }

  /** The JDBC URL (for Flyway); user and password are passed separately. */
  public String jdbcUrl() {
    return "jdbc:postgresql://" + host + ":" + port + "/" + database;
  }

  /** This URL pointing at another database on the same server. */
  public DatabaseUrl withDatabase(String other) {
    return new DatabaseUrl(host, port, other, user, password);
  }

  @Override
  public String toString() {
    return "postgres://" + user + (password == null ? "" : ":***") + "@" + host + ":" + port + "/" + database;
  }
}
