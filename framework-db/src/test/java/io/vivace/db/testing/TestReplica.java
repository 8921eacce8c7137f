package io.vivace.db.testing;

import io.vivace.db.DatabaseUrl;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A real PostgreSQL primary and one streaming replica for tests, from the machine's PostgreSQL
 * binaries ({@code pg_config --bindir}, else the newest {@code /usr/lib/postgresql/N/bin};
 * {@code src/test/sh/install-postgresql.sh} installs Debian's package when they are missing, and
 * the test is skipped, saying why, when it cannot). The primary is made with {@code initdb}; the
 * replica with {@code pg_basebackup -R} from it, so it streams the primary's WAL and replays it
 * as a hot standby. Both listen on {@code 127.0.0.1} on free ports, superuser {@code postgres},
 * trust authentication, no Unix socket; their data is under {@code target/test-replicas/} and is
 * deleted by {@link #close()}. As root, the servers run through {@code unshare -U} (PostgreSQL
 * refuses uid 0), as the embedded server does. Not thread-safe: one test drives it.
 */
public final class TestReplica implements AutoCloseable {
  private static final long START_TIMEOUT_MS = 60_000;
  private static final long STOP_TIMEOUT_MS = 60_000;

  private final Path bin;
  private final Path root;
  private final boolean asRoot;
  private final int primaryPort;
  private final int replicaPort;
  private Process primary;
  private Process replica;

  private TestReplica(Path bin, Path root, boolean asRoot, int primaryPort, int replicaPort) {
    this.bin = bin;
    this.root = root;
    this.asRoot = asRoot;
    this.primaryPort = primaryPort;
    this.replicaPort = replicaPort;
  }

  /**
   * Starts a primary and its streaming replica; blocks until the replica accepts connections (at
   * most about two minutes). Skips the calling test (JUnit assumption) when the binaries are not
   * available and cannot be installed.
   */
  public static TestReplica start() throws IOException, InterruptedException {
    Path bin = binaries();
    Path root = Path.of("target", "test-replicas",
        Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE)).toAbsolutePath();
    Files.createDirectories(root);
    TestReplica t = new TestReplica(bin, root, isRoot(), freePort(), freePort());
    Runtime.getRuntime().addShutdownHook(new Thread(t::stopQuietly, "test-replica-stop"));
    try {
      t.run(List.of(bin.resolve("initdb").toString(), "-D", t.primaryDir().toString(), "-U", "postgres", "-A", "trust",
          "-E", "UTF8", "--locale=C"), true);
      t.primary = t.launch(t.primaryDir(), t.primaryPort);
      t.awaitReady(t.primary(), t.primaryPort);
      // -R writes standby.signal and primary_conninfo: the copy starts as a streaming replica
      t.run(List.of(bin.resolve("pg_basebackup").toString(), "-h", "127.0.0.1", "-p", Integer.toString(t.primaryPort),
          "-U", "postgres", "-D", t.replicaDir().toString(), "-R", "-X", "stream", "-c", "fast"), false);
      t.startReplica();
    } catch (IOException | InterruptedException | RuntimeException e) {
      t.close();
      throw e;
    }
    return t;
  }

  /** The primary's {@code postgres} database. */
  public DatabaseUrl primary() {
    return new DatabaseUrl("127.0.0.1", primaryPort, "postgres", "postgres", null);
  }

  /** The replica's {@code postgres} database (read-only: a hot standby). */
  public DatabaseUrl replica() {
    return new DatabaseUrl("127.0.0.1", replicaPort, "postgres", "postgres", null);
  }

  /** Stops the replica with a fast shutdown and waits for it to exit. */
  public void stopReplica() throws InterruptedException, IOException {
    stop(replica);
    replica = null;
  }

  /** Whether the replica is stopped ({@link #stopReplica()}, or it exited). */
  public boolean replicaStopped() {
    return replica == null || !replica.isAlive();
  }

  /** Starts the replica (again) and waits until it accepts connections. */
  public void startReplica() throws IOException, InterruptedException {
    replica = launch(replicaDir(), replicaPort);
    awaitReady(replica(), replicaPort);
  }

  /** Pauses WAL replay on the replica ({@code pg_wal_replay_pause()}): it stops applying the primary's writes. */
  public void pauseReplay() throws SQLException {
    query(replica(), "SELECT pg_wal_replay_pause()");
  }

  /** Resumes WAL replay on the replica ({@code pg_wal_replay_resume()}). */
  public void resumeReplay() throws SQLException {
    query(replica(), "SELECT pg_wal_replay_resume()");
  }

  /**
   * Waits until the replica has replayed everything the primary has written now, at most
   * {@code timeoutMs}.
   *
   * @throws IllegalStateException when it has not in time
   */
  public void awaitReplayed(long timeoutMs) throws SQLException, InterruptedException {
    String lsn = query(primary(), "SELECT pg_current_wal_lsn()::text");
    long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
    while (!"t".equals(query(replica(), "SELECT pg_last_wal_replay_lsn() >= '" + lsn + "'::pg_lsn"))) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the replica did not replay " + lsn + " within " + timeoutMs + " ms");
      }
      Thread.sleep(20);
    }
  }

  /** Runs {@code sql} on {@code url}; the first column of its first row as text (null when none). */
  public static String query(DatabaseUrl url, String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password());
        Statement st = c.createStatement()) {
      if (!st.execute(sql)) {
        return null;
      }
      try (ResultSet rs = st.getResultSet()) {
        if (!rs.next()) {
          return null;
        }
        Object v = rs.getObject(1);
        return v instanceof Boolean b ? (b ? "t" : "f") : rs.getString(1);
      }
    }
  }

  /** Stops both servers and deletes their data. */
  @Override
  public void close() {
    stopQuietly();
    try (Stream<Path> all = Files.walk(root)) {
      all.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException ignored) {
      // already gone
    }
  }

  private synchronized void stopQuietly() {
    try {
      stop(replica);
      replica = null;
      stop(primary);
      primary = null;
    } catch (IOException | InterruptedException e) {
      if (replica != null) {
        replica.destroyForcibly();
      }
      if (primary != null) {
        primary.destroyForcibly();
      }
    }
  }

  private Path primaryDir() {
    return root.resolve("primary");
  }

  private Path replicaDir() {
    return root.resolve("replica");
  }

  private Process launch(Path data, int port) throws IOException {
    List<String> cmd = command(List.of(bin.resolve("postgres").toString(), "-D", data.toString(),
        "-p", Integer.toString(port), "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=",
        "-c", "max_connections=100", "-c", "wal_level=replica", "-c", "max_wal_senders=5", "-c", "hot_standby=on",
        "-c", "hot_standby_feedback=on", "-c", "fsync=off", "-c", "wal_keep_size=64MB"), true);
    return new ProcessBuilder(cmd)
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(root.resolve(data.getFileName() + ".log").toFile()))
        .start();
  }

  private void awaitReady(DatabaseUrl url, int port) throws InterruptedException, IOException {
    long deadline = System.nanoTime() + START_TIMEOUT_MS * 1_000_000L;
    SQLException last = null;
    while (System.nanoTime() < deadline) {
      try {
        query(url, "SELECT 1");
        return;
      } catch (SQLException e) {
        last = e;
        Thread.sleep(50);
      }
    }
    throw new IOException("PostgreSQL on port " + port + " did not accept connections within " + START_TIMEOUT_MS
        + " ms: " + (last == null ? "" : last.getMessage()) + "; see " + root);
  }

  private static void stop(Process p) throws InterruptedException, IOException {
    if (p == null || !p.isAlive()) {
      return;
    }
    new ProcessBuilder("/bin/sh", "-c", "kill -INT " + p.pid()).start().waitFor(10, TimeUnit.SECONDS); // fast shutdown
    if (!p.waitFor(STOP_TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
      p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  private void run(List<String> args, boolean server) throws IOException, InterruptedException {
    Path out = root.resolve("setup.log");
    Process p = new ProcessBuilder(command(args, server)).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(out.toFile())).start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException(args.get(0) + " did not finish within 120 s; see " + out);
    }
    if (p.exitValue() != 0) {
      throw new IOException(args.get(0) + " failed (exit " + p.exitValue() + "): " + Files.readString(out));
    }
  }

  /** {@code args} through {@code unshare -U} for the server's own programs when running as root. */
  private List<String> command(List<String> args, boolean server) {
    List<String> cmd = new ArrayList<>();
    if (server && asRoot) {
      cmd.add("unshare");
      cmd.add("-U");
    }
    cmd.addAll(args);
    return cmd;
  }

  /** The binaries' folder, found or installed by the project's script; the test is skipped when there are none. */
  private static Path binaries() throws IOException, InterruptedException {
    Path script = Path.of("src", "test", "sh", "install-postgresql.sh");
    if (!Files.exists(script)) {
      script = Path.of("..", "..", "framework-db", "src", "test", "sh", "install-postgresql.sh"); // from examples/*
    }
    if (!Files.exists(script)) {
      script = Path.of("..", "framework-db", "src", "test", "sh", "install-postgresql.sh");
    }
    Path errors = Files.createTempFile("install-postgresql", ".log");
    Process p = new ProcessBuilder("bash", script.toString()).redirectError(errors.toFile()).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    if (!p.waitFor(10, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      Assumptions.abort("installing PostgreSQL took more than 10 minutes");
    }
    String all = Files.readString(errors);
    Files.deleteIfExists(errors);
    String err = all.lines().reduce((a, b) -> b).orElse("(no reason given)");
    Assumptions.assumeTrue(p.exitValue() == 0, () -> "PostgreSQL's binaries are not available, skipped: " + err);
    String[] lines = out.split("\n");
    return Path.of(lines[lines.length - 1].trim());
  }

  private static boolean isRoot() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("Uid:")) {
        return line.split("\\s+")[2].equals("0");
      }
    }
    return false;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return s.getLocalPort();
    }
  }
}
