package io.vivace.db.embedded.impl;

import java.io.File;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server run from binaries shipped in a Maven Central jar, for development and
 * tests when no {@code DATABASE_URL} is configured. It listens on {@code 127.0.0.1} on a free port,
 * with superuser {@code postgres}, trust authentication (no password), UTF8 encoding and the
 * {@code builtin} C.UTF-8 locale; the data stays in the directory given to {@link #start(Path)}.
 *
 * <p>PostgreSQL refuses to run as root: when the JVM's effective uid is 0, {@code initdb} and the
 * server run through {@code unshare -U} (a new user namespace, in which they are not uid 0 and still
 * own the files they create). The server is a child process of the JVM. Next to the cluster, the
 * data directory holds {@code postgres.log} (the server's output, appended to at every start) and
 * {@code vivace-jvm.pid} (the pid of the JVM running the server): if that JVM is killed before it
 * could stop the server, the next {@code start} on the same directory stops the orphaned server first.
 * The server does not outlive its JVM: a watchdog process, blocked on a pipe from the JVM, stops it
 * with a fast shutdown as soon as the JVM is gone, even after {@code kill -9}.
 *
 * <p>Thread-safety: instances are thread-safe; {@link #close()} may be called from any thread, any
 * number of times. {@link #start(Path)} may be called concurrently for different directories.
 */
public final class EmbeddedPostgres implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgres.class);
  private static final String HOST = "127.0.0.1";
  private static final String USER = "postgres";
  private static final String DATABASE = "postgres";
  private static final String LOG_FILE = "postgres.log";
  /** This JVM's pid, written next to postmaster.pid so a later JVM can tell an orphaned server. */
  private static final String OWNER_FILE = "vivace-jvm.pid";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration INITDB_TIMEOUT = Duration.ofSeconds(120);
  private static final int START_ATTEMPTS = 3;
  private static final String SOCKET_PREFIX = "vivace-pg";

  private final Path dataDirectory;
  private final Path socketDirectory;
  private final int port;
  private final Process process;
  /** Stops the server when this JVM dies without stopping it (see {@link #watchdog}). */
  private final Process watchdog;
  private final Thread shutdownHook;
  private boolean closed;

  private EmbeddedPostgres(Path dataDirectory, Path socketDirectory, int port, Process process, Process watchdog) {
    this.dataDirectory = dataDirectory;
    this.socketDirectory = socketDirectory;
    this.port = port;
    this.process = process;
    this.watchdog = watchdog;
    this.shutdownHook = new Thread(this::stop, "vivace-embedded-postgres-shutdown");
  }

  /**
   * Starts a server keeping its data in {@code dataDirectory}: the directory is created and
   * initialized with {@code initdb} when it is missing or empty, and reused when it holds a cluster,
   * so data survives restarts. The server listens on {@code 127.0.0.1} on a free port, superuser
   * {@code postgres}, trust authentication, UTF8 encoding, database {@code postgres},
   * {@code max_connections} 200. Blocks until the server accepts connections, at most 60 seconds
   * (plus a few seconds for {@code initdb} and, on first use, for unpacking the binaries into the
   * user's cache folder). A stale {@code postmaster.pid} left by a killed server does not prevent
   * startup. Registers a JVM shutdown hook that stops the server if {@link #close()} was not called.
   * Thread-safe; two servers cannot share a data directory (the second start fails).
   *
   * @param dataDirectory where the cluster lives; relative paths resolve against the working directory
   * @return the running server
   * @throws IOException when the directory is neither empty nor a PostgreSQL data directory, holds
   *     a cluster of another major version, the machine has no binaries (not Linux on amd64 or
   *     aarch64), running as root and {@code unshare -U} is not permitted, {@code initdb} fails, or
   *     the server does not start in time; the message says which and includes the tail of the
   *     server log
   */
  public static EmbeddedPostgres start(Path dataDirectory) throws IOException {
    Path data = dataDirectory.toAbsolutePath().normalize();
    boolean fresh = checkDataDirectory(data);
    boolean root = isRoot();
    if (root) {
      checkUnshare();
    }
    Path bin = PostgresBinaries.unpacked().resolve("bin");
    if (fresh) {
      initdb(bin, data, root);
    } else {
      cleanUpPreviousRun(data);
    }
    Path sockets = socketDirectory();
    try {
      for (int attempt = 1; ; attempt++) {
        int port = freePort();
        Path logFile = data.resolve(LOG_FILE);
        long logStart = Files.exists(logFile) ? Files.size(logFile) : 0;
        Process process = launch(bin, data, sockets, port, root);
        String failure = awaitReady(process, data);
        if (failure == null) {
          Process watchdog;
          try {
            watchdog = watchdog(process.pid());
          } catch (IOException e) {
            process.destroyForcibly();
            throw e;
          }
          EmbeddedPostgres pg = new EmbeddedPostgres(data, sockets, port, process, watchdog);
          Runtime.getRuntime().addShutdownHook(pg.shutdownHook);
          try {
            Files.writeString(data.resolve(OWNER_FILE), ProcessHandle.current().pid() + "\n");
          } catch (IOException e) {
            pg.close();
            throw e;
          }
          return pg;
        }
        String log = logTail(logFile, logStart);
        boolean portTaken = log.contains("could not bind") || log.contains("could not create any TCP/IP sockets");
        if (!portTaken || attempt == START_ATTEMPTS) {
          throw new IOException("embedded PostgreSQL in " + data + " " + failure + "; the end of "
              + data.resolve(LOG_FILE) + ":\n" + log);
        }
        LOG.debug("Port {} was taken before PostgreSQL could bind it; trying another", port);
      }
    } catch (IOException | RuntimeException e) {
      PostgresBinaries.deleteTree(sockets);
      throw e;
    }
  }

  /** The host the server listens on: {@code "127.0.0.1"}. Thread-safe. */
  public String host() {
    return HOST;
  }

  /** The TCP port the server listens on, chosen free at start. Thread-safe. */
  public int port() {
    return port;
  }

  /** The superuser, {@code "postgres"}; it needs no password (trust authentication). Thread-safe. */
  public String user() {
    return USER;
  }

  /** The database that always exists, {@code "postgres"}. Thread-safe. */
  public String database() {
    return DATABASE;
  }

  /** The server as a URL, {@code postgres://postgres@127.0.0.1:PORT/postgres}. Thread-safe. */
  public String url() {
    return "postgres://" + USER + "@" + HOST + ":" + port + "/" + DATABASE;
  }

  /**
   * The command a person would run to connect while the server runs, for the startup log:
   * {@code psql -h 127.0.0.1 -p PORT -U postgres postgres} (psql is not shipped with the embedded
   * binaries; any psql client works). Thread-safe.
   */
  public String psqlCommand() {
    return "psql -h " + HOST + " -p " + port + " -U " + USER + " " + DATABASE;
  }

  /**
   * Stops the server with a fast shutdown (open sessions are ended, the data is checkpointed and
   * kept) and waits for it to exit, at most 60 seconds before escalating to an immediate shutdown.
   * Idempotent and thread-safe; never throws (a failure to stop is logged).
   */
  @Override
  public void close() {
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException | IllegalArgumentException shuttingDownOrRemoved) {
      // the hook runs (or ran) stop() itself
    }
    stop();
  }

  private synchronized void stop() {
    if (closed) {
      return;
    }
    closed = true;
    watchdog.destroy(); // before the server stops, so it never signals a pid that could be reused
    try {
      if (process.isAlive()) {
        signal(process.pid(), "INT"); // fast shutdown
        if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
          LOG.warn("Embedded PostgreSQL (pid {}) did not stop within {} s; immediate shutdown", process.pid(),
              STOP_TIMEOUT.toSeconds());
          signal(process.pid(), "QUIT");
          if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
          }
        }
        Files.deleteIfExists(dataDirectory.resolve(OWNER_FILE));
      }
      PostgresBinaries.deleteTree(socketDirectory);
    } catch (IOException e) {
      LOG.warn("Stopping the embedded PostgreSQL in {} failed: {}", dataDirectory, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  /** True when data holds a cluster to reuse, false when it is missing or empty (to initdb). */
  private static boolean checkDataDirectory(Path data) throws IOException {
    if (!Files.exists(data)) {
      return true;
    }
    if (!Files.isDirectory(data)) {
      throw new IOException("the embedded PostgreSQL data directory " + data + " is a file, not a directory");
    }
    Path version = data.resolve("PG_VERSION");
    if (Files.exists(version)) {
      String major = Files.readString(version).trim();
      if (!major.equals(PostgresBinaries.major())) {
        throw new IOException(data + " holds a PostgreSQL " + major + " cluster but the embedded server is PostgreSQL "
            + PostgresBinaries.VERSION + "; move the directory away (or dump and restore its data)");
      }
      return false;
    }
    try (var entries = Files.list(data)) {
      if (entries.findAny().isPresent()) {
        throw new IOException("the embedded PostgreSQL data directory " + data
            + " is not empty and not a PostgreSQL data directory (no PG_VERSION); use an empty or new directory");
      }
    }
    return true;
  }

  private static void initdb(Path bin, Path data, boolean root) throws IOException {
    long t0 = System.nanoTime();
    Files.createDirectories(data);
    List<String> cmd = command(root, bin.resolve("initdb").toString(), "-D", data.toString(),
        "-U", USER, "-A", "trust", "-E", "UTF8", "--locale=C",
        "--locale-provider=builtin", "--builtin-locale=C.UTF-8", "--no-instructions");
    Path out = Files.createTempFile("vivace-initdb", ".log");
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
      boolean done = waitFor(p, INITDB_TIMEOUT);
      if (!done || p.exitValue() != 0) {
        throw new IOException("initdb " + data + (done ? " failed (exit code " + p.exitValue() + ")"
            : " did not finish within " + INITDB_TIMEOUT.toSeconds() + " s") + ":\n" + logTail(out, 0));
      }
    } finally {
      Files.deleteIfExists(out);
    }
    LOG.info("Created a PostgreSQL {} cluster in {} in {} ms", PostgresBinaries.VERSION, data,
        (System.nanoTime() - t0) / 1_000_000);
  }

  private static Process launch(Path bin, Path data, Path sockets, int port, boolean root) throws IOException {
    List<String> cmd = command(root, bin.resolve("postgres").toString(), "-D", data.toString(),
        "-p", Integer.toString(port), "-k", sockets.toString(),
        "-c", "listen_addresses=" + HOST, "-c", "max_connections=200");
    return new ProcessBuilder(cmd)
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(data.resolve(LOG_FILE).toFile()))
        .start();
  }

  /**
   * A watchdog for the server with pid {@code pid}: a shell blocked reading a pipe whose only writer
   * is this JVM. When the JVM dies in any way, even {@code kill -9}, the kernel closes the pipe, the
   * read returns, and the watchdog asks the server for a fast shutdown (SIGINT), escalating to an
   * immediate one (SIGQUIT) after 30 s; it signals only a process still named {@code postgres}.
   * {@link #close()} ends the watchdog first.
   */
  private static Process watchdog(long pid) throws IOException {
    String script = "read -r _; alive() { [ \"$(cat /proc/$1/comm 2>/dev/null)\" = postgres ] "
        + "&& ! grep -q '^State:[[:space:]]*Z' /proc/$1/status 2>/dev/null; }; "
        + "alive $1 && kill -INT $1; i=0; while alive $1 && [ $i -lt 300 ]; do sleep 0.1; i=$((i+1)); done; "
        + "alive $1 && kill -QUIT $1; exit 0";
    return new ProcessBuilder("/bin/sh", "-c", script, "vivace-pg-watchdog", Long.toString(pid))
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start(); // stdin stays a pipe from this JVM: the Process object keeps its write end open
  }

  /**
   * Waits until postmaster.pid names this process and says "ready" (as pg_ctl does).
   *
   * @return null when ready, else what went wrong
   */
  private static String awaitReady(Process process, Path data) throws IOException {
    Path pidFile = data.resolve("postmaster.pid");
    String pid = Long.toString(process.pid());
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (true) {
      if (!process.isAlive()) {
        return "exited with code " + process.exitValue() + " while starting";
      }
      try {
        List<String> lines = Files.readAllLines(pidFile); // line 1: pid, line 8: status (PostgreSQL 10+)
        if (lines.size() >= 8 && lines.get(0).trim().equals(pid) && lines.get(7).trim().equals("ready")) {
          return null;
        }
      } catch (IOException notYet) {
        // not written yet, or being rewritten
      }
      if (System.nanoTime() > deadline) {
        process.destroyForcibly();
        return "did not accept connections within " + START_TIMEOUT.toSeconds() + " s";
      }
      try {
        sleep(20);
      } catch (InterruptedIOException e) {
        process.destroyForcibly();
        throw e;
      }
    }
  }

  /**
   * Cleans up after a previous run in data that did not stop its server. A server left running by a
   * JVM that was killed before its shutdown hook ran is stopped: postmaster.pid names a live postgres
   * process and the JVM recorded in vivace-jvm.pid is gone. The socket folder of a server that is gone
   * is deleted. (A stale postmaster.pid itself is the server's to handle: it ignores one whose process
   * is gone.)
   */
  private static void cleanUpPreviousRun(Path data) throws IOException {
    Path pidFile = data.resolve("postmaster.pid");
    long serverPid;
    Path sockets;
    try {
      List<String> lines = Files.readAllLines(pidFile); // line 1: pid, line 5: socket directory
      serverPid = Long.parseLong(lines.get(0).trim());
      sockets = Path.of(lines.get(4).trim());
    } catch (RuntimeException | IOException noneOrUnreadable) {
      return;
    }
    Optional<ProcessHandle> server = ProcessHandle.of(serverPid).filter(ProcessHandle::isAlive);
    if (server.isPresent()) {
      boolean isPostgres = server.get().info().command()
          .map(c -> Path.of(c).getFileName().toString().equals("postgres")).orElse(false);
      Optional<Long> owner = owner(data);
      if (!isPostgres || owner.isEmpty() || ProcessHandle.of(owner.get()).isPresent()) {
        return; // not ours to stop: the server's lock file check will refuse to start a second one
      }
      LOG.warn("Stopping the embedded PostgreSQL (pid {}) left running in {} by a JVM (pid {}) that was killed",
          serverPid, data, owner.get());
      signal(serverPid, "INT");
      long deadline = System.nanoTime() + STOP_TIMEOUT.toNanos();
      // a clean shutdown removes postmaster.pid last (the exited process may stay a zombie a while)
      while (server.get().isAlive() && Files.exists(pidFile)) {
        if (System.nanoTime() > deadline) {
          throw new IOException("the orphaned PostgreSQL server (pid " + serverPid + ") in " + data
              + " did not stop within " + STOP_TIMEOUT.toSeconds() + " s; stop it and start again");
        }
        sleep(20);
      }
    }
    Files.deleteIfExists(data.resolve(OWNER_FILE));
    if (sockets.getFileName() != null && sockets.getFileName().toString().startsWith(SOCKET_PREFIX)) {
      try {
        PostgresBinaries.deleteTree(sockets);
      } catch (IOException e) {
        LOG.debug("Cannot delete {}: {}", sockets, e.toString());
      }
    }
  }

  /** The pid of the JVM that started the server in data, if recorded. */
  private static Optional<Long> owner(Path data) {
    try {
      return Optional.of(Long.parseLong(Files.readString(data.resolve(OWNER_FILE)).trim()));
    } catch (RuntimeException | IOException noneOrUnreadable) {
      return Optional.empty();
    }
  }

  private static void sleep(long millis) throws InterruptedIOException {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for the embedded PostgreSQL");
    }
  }

  /** The command, through {@code unshare -U} when running as root (PostgreSQL refuses uid 0). */
  private static List<String> command(boolean root, String... args) {
    List<String> cmd = new ArrayList<>();
    if (root) {
      cmd.add("unshare");
      cmd.add("-U");
    }
    cmd.addAll(List.of(args));
    return cmd;
  }

  private static boolean isRoot() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("Uid:")) {
        return line.split("\\s+")[2].equals("0"); // real, effective, saved, filesystem
      }
    }
    throw new IOException("no Uid line in /proc/self/status");
  }

  private static void checkUnshare() throws IOException {
    String why;
    try {
      Process p = new ProcessBuilder("unshare", "-U", "true").redirectErrorStream(true).start();
      byte[] out = p.getInputStream().readAllBytes();
      if (waitFor(p, Duration.ofSeconds(10)) && p.exitValue() == 0) {
        return;
      }
      why = new String(out, StandardCharsets.UTF_8).trim();
    } catch (IOException e) {
      why = e.getMessage();
    }
    throw new IOException("PostgreSQL refuses to run as root, and running it as an unprivileged user with `unshare -U`"
        + " failed (" + why + "); run as a non-root user, allow user namespaces, or set DATABASE_URL");
  }

  /** A short folder for the server's Unix socket (a socket path is limited to 107 bytes). */
  private static Path socketDirectory() throws IOException {
    Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
    if (tmp.toAbsolutePath().toString().length() > 50) {
      tmp = Path.of("/tmp");
    }
    return Files.createTempDirectory(tmp, SOCKET_PREFIX);
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
      return s.getLocalPort();
    }
  }

  /** Sends a signal with the shell's kill: Java sends only SIGTERM and SIGKILL, and /bin/kill is not everywhere. */
  private static void signal(long pid, String signal) throws IOException {
    waitFor(new ProcessBuilder("/bin/sh", "-c", "kill -" + signal + " " + pid).start(), Duration.ofSeconds(10));
  }

  private static boolean waitFor(Process p, Duration timeout) throws InterruptedIOException {
    try {
      if (p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        return true;
      }
      p.destroyForcibly();
      return false;
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted");
    }
  }

  /** The last 30 lines (at most 64 KiB) of a log from byte offset start on. */
  private static String logTail(Path log, long start) {
    try (SeekableByteChannel in = Files.newByteChannel(log)) {
      long from = Math.max(start, in.size() - 65_536);
      ByteBuffer buf = ByteBuffer.allocate((int) Math.max(0, in.size() - from));
      in.position(from);
      while (buf.hasRemaining() && in.read(buf) > 0) {
        // reading
      }
      List<String> lines = new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8).lines().toList();
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }
}
