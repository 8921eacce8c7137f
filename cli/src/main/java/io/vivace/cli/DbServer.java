package io.vivace.cli;

import io.vivace.config.Config;
import io.vivace.config.ConfigException;
import io.vivace.db.DatabaseUrl;
import io.vivace.db.embedded.impl.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * The database {@code vivace db} works on: {@code DATABASE_URL} when set (the environment or
 * {@code -Dvivace.database-url}, read with the app's own rules), else the project's embedded
 * PostgreSQL, the cluster the app uses when started from the project folder
 * ({@code .vivace/<name>/postgres}, or {@code VIVACE_DB_EMBEDDED_DIR} with {@code {app}} as the
 * project's name). A server already running on that cluster (the app, {@code vivace dev}) is used as
 * it is, found through its {@code postmaster.pid}; otherwise the tool starts it for the command and
 * stops it on {@link #close()}. Not thread-safe: one per command.
 */
final class DbServer implements AutoCloseable {
  private static final Set<String> LOCAL_HOSTS = Set.of("127.0.0.1", "localhost", "::1", "[::1]");

  final DatabaseUrl url;
  /** Where the URL came from, for messages: {@code DATABASE_URL} or the embedded data folder. */
  final String source;
  private final EmbeddedPostgres started;

  private DbServer(DatabaseUrl url, String source, EmbeddedPostgres started) {
    this.url = url;
    this.source = source;
    this.started = started;
  }

  /**
   * The server for {@code project}; starts the embedded one when it is not running, saying so on {@code progress}.
   *
   * @throws CliException exit 1 for a bad {@code DATABASE_URL}, exit 5 when the embedded server does not start
   */
  static DbServer open(Project project, java.io.PrintWriter progress) {
    return open(project, Config.system(), progress);
  }

  /** {@link #open(Project, java.io.PrintWriter)} with the settings of {@code config}; progress lines go to {@code progress}. */
  static DbServer open(Project project, Config config, java.io.PrintWriter progress) {
    String raw = config.raw("DATABASE_URL");
    if (raw != null) {
      try {
        return new DbServer(DatabaseUrl.parse("DATABASE_URL", raw), "DATABASE_URL", null);
      } catch (ConfigException e) {
        throw CliException.usage(e.getMessage());
      }
    }
    Path data = embeddedDir(project, config);
    Integer running = runningPort(data);
    if (running != null) {
      return new DbServer(new DatabaseUrl("127.0.0.1", running, "postgres", "postgres", null), data.toString(), null);
    }
    progress.println("Starting the project's embedded PostgreSQL in " + data + " for this command (the first "
        + "time creates its cluster: a few seconds)...");
    progress.flush();
    try {
      EmbeddedPostgres pg = EmbeddedPostgres.start(data);
      return new DbServer(DatabaseUrl.parse("embedded", pg.url()), data.toString(), pg);
    } catch (IOException e) {
      throw new CliException(VivaceCli.EXIT_DATABASE, "cannot start the project's embedded PostgreSQL in " + data
          + ": " + e.getMessage() + " (or set DATABASE_URL)");
    }
  }

  /** The project's embedded data folder, as the app started from the project folder resolves it. */
  static Path embeddedDir(Project project, Config config) {
    String configured = config.raw("VIVACE_DB_EMBEDDED_DIR");
    String path = (configured != null ? configured : ".vivace/{app}/postgres").replace("{app}", project.name);
    Path p = Path.of(path);
    return (p.isAbsolute() ? p : project.root.resolve(p)).normalize();
  }

  /** The port of a live server on {@code data} (its {@code postmaster.pid}: pid on line 1, port on line 4), or null. */
  static Integer runningPort(Path data) {
    try {
      List<String> lines = Files.readAllLines(data.resolve("postmaster.pid"));
      long pid = Long.parseLong(lines.get(0).trim());
      if (lines.size() < 4 || ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) == Boolean.FALSE) {
        return null;
      }
      return Integer.valueOf(lines.get(3).trim());
    } catch (IOException | RuntimeException e) {
      return null; // no cluster, not running, or a file being written: start it ourselves
    }
  }

  /** Whether the server is on this machine (loopback or a Unix socket folder). */
  boolean local() {
    return LOCAL_HOSTS.contains(url.host()) || url.host().startsWith("/");
  }

  /** Stops the embedded server if this command started it. */
  @Override
  public void close() {
    if (started != null) {
      started.close();
    }
  }
}
