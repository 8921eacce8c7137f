package io.vivace.db;

import io.vivace.config.ConfigException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Where a PostgreSQL database is and how to reach it:
 * {@code postgres://user:password@host:port/database?sslmode=MODE&sslrootcert=FILE} (also
 * {@code postgresql://}; port 5432, user and database {@code postgres} when left out; user and
 * password percent-decoded). {@link #toString()} never shows the password. Immutable.
 *
 * <p>TLS follows libpq's connection parameters of the same names:
 * <ul>
 *   <li>{@code sslmode}: {@code disable} (never TLS), {@code allow} and {@code prefer} (TLS when the
 *       server offers it, certificate not checked), {@code require} (TLS or no connection; the
 *       certificate is not checked unless {@code sslrootcert} is given, then as {@code verify-ca}),
 *       {@code verify-ca} (TLS, certificate chain checked against {@code sslrootcert}),
 *       {@code verify-full} (as {@code verify-ca}, and the host name must match the certificate).
 *       Default {@value #DEFAULT_SSL_MODE}, as libpq's.
 *   <li>{@code sslrootcert}: a PEM file of the certificate authorities to trust; without it (or
 *       with the value {@code system}) the JVM's default trust store is used.
 * </ul>
 * Any other query parameter is an error, so a misspelt {@code sslmode} never silently means
 * plaintext.
 *
 * @param host host name or address
 * @param port TCP port
 * @param database database name
 * @param user user name
 * @param password password, or null for none (trust or peer authentication)
 * @param sslMode one of {@link #SSL_MODES}
 * @param sslRootCert PEM file of trusted certificate authorities, or null for the JVM's trust store
 */
public record DatabaseUrl(String host, int port, String database, String user, String password, String sslMode,
    String sslRootCert) {
  /** The {@code sslmode} values, as libpq spells them. */
  public static final List<String> SSL_MODES = List.of("disable", "allow", "prefer", "require", "verify-ca",
      "verify-full");
  /** The {@code sslmode} when the URL names none: {@value}, as libpq's. */
  public static final String DEFAULT_SSL_MODE = "prefer";

  public DatabaseUrl {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(database, "database");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(sslMode, "sslMode");
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port must be 1..65535, got " + port);
    }
    if (!SSL_MODES.contains(sslMode)) {
      throw new IllegalArgumentException("sslMode must be one of " + SSL_MODES + ", got " + sslMode);
    }
  }

  /** A URL with {@link #DEFAULT_SSL_MODE} and the JVM's trust store. */
  public DatabaseUrl(String host, int port, String database, String user, String password) {
    this(host, port, database, user, password, DEFAULT_SSL_MODE, null);
  }

  /**
   * Parses a URL given in the setting {@code setting} (named in the error).
   *
   * @throws ConfigException naming the setting, with the password masked: not a postgres URL, an
   *     unknown query parameter, an unknown {@code sslmode}, or an {@code sslrootcert} file that
   *     cannot be read
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
    String sslMode = DEFAULT_SSL_MODE;
    String sslRootCert = null;
    if (uri.getRawQuery() != null && !uri.getRawQuery().isEmpty()) {
      for (String pair : uri.getRawQuery().split("&")) {
        int eq = pair.indexOf('=');
        String key = decode(eq < 0 ? pair : pair.substring(0, eq));
        String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
        switch (key) {
          case "sslmode" -> {
            if (!SSL_MODES.contains(value)) {
              throw new ConfigException(setting + ": sslmode must be one of " + String.join(", ", SSL_MODES)
                  + ", got \"" + value + "\"");
            }
            sslMode = value;
          }
          case "sslrootcert" -> sslRootCert = value.isEmpty() || value.equals("system") ? null : value;
          default -> throw new ConfigException(setting + ": unknown parameter \"" + key
              + "\" (supported: sslmode, sslrootcert) in \"" + mask(url) + "\"");
        }
      }
    }
    if (sslRootCert != null && !Files.isReadable(Path.of(sslRootCert))) {
      throw new ConfigException(setting + ": sslrootcert file " + sslRootCert + " cannot be read");
    }
    return new DatabaseUrl(uri.getHost(), uri.getPort() == -1 ? 5432 : uri.getPort(), database, user, password,
        sslMode, sslRootCert);
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

  /** True when connections must use TLS ({@code require}, {@code verify-ca}, {@code verify-full}). */
  public boolean tlsRequired() {
    return sslMode.equals("require") || sslMode.startsWith("verify-");
  }

  /**
   * The JDBC URL (for Flyway), with the same TLS settings for the PostgreSQL JDBC driver (which
   * reads {@code sslmode} and {@code sslrootcert} as libpq does; without {@code sslrootcert} the
   * verifying modes use the JVM's trust store); user and password are passed separately.
   */
  public String jdbcUrl() {
    String base = "jdbc:postgresql://" + host + ":" + port + "/" + database;
    if (sslMode.equals(DEFAULT_SSL_MODE) && sslRootCert == null) {
      return base;
    }
    String q = "?sslmode=" + sslMode;
    if (sslRootCert != null) {
      q += "&sslrootcert=" + java.net.URLEncoder.encode(sslRootCert, StandardCharsets.UTF_8);
    } else if (sslMode.startsWith("verify-")) {
      q += "&sslfactory=org.postgresql.ssl.DefaultJavaSSLFactory";
    }
    return base + q;
  }

  /** This URL pointing at another database on the same server, with the same TLS settings. */
  public DatabaseUrl withDatabase(String other) {
    return new DatabaseUrl(host, port, other, user, password, sslMode, sslRootCert);
  }

  @Override
  public String toString() {
    String s = "postgres://" + user + (password == null ? "" : ":***") + "@" + host + ":" + port + "/" + database;
    if (!sslMode.equals(DEFAULT_SSL_MODE)) {
      s += "?sslmode=" + sslMode + (sslRootCert == null ? "" : "&sslrootcert=" + sslRootCert);
    } else if (sslRootCert != null) {
      s += "?sslrootcert=" + sslRootCert;
    }
    return s;
  }
}
