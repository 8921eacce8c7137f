package io.vivace.cli;

import io.vivace.config.Config;
import io.vivace.db.embedded.impl.EmbeddedPostgres;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code vivace dev}: runs the project and reloads it on every saved change. It keeps the embedded
 * PostgreSQL up itself (the app gets its {@code DATABASE_URL}), and in a {@code redis} project a
 * {@code redis-server} ({@link DevRedis}, its {@code REDIS_URL}), unless they are set; it watches
 * {@code src/main/java}, {@code src/main/resources} (migrations included) and {@code pom.xml}, compiles what changed in
 * this process ({@link DevCompiler}) and reloads the app inside its one long-lived JVM, a new class
 * loader per version ({@link DevApp}, {@link DevLauncher}); the new version applies new migrations as
 * it starts. A new JVM starts when {@code pom.xml} (the class path) or {@code logback.xml} changed, or
 * when the JVM could not let go of the old version (said in one line). A compile error is printed
 * and the last good version keeps serving. Ctrl-C (or SIGTERM) stops the app and the database; if
 * this process is killed outright, the app ends with it ({@link DevLauncher}) and the database's
 * watchdog stops the database.
 * Settings the dev process passes on are read through {@code Config}: {@code PORT}, {@code HOST}
 * (default {@code 127.0.0.1}), {@code DATABASE_URL}, {@code REDIS_URL}.
 */
@Command(name = "dev", mixinStandardHelpOptions = true,
    description = "Runs the project on PORT (default 8080) and reloads it when a source, resource or migration changes.")
final class DevCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--dir", paramLabel = "<folder>", defaultValue = ".",
      description = "The project folder, or one inside it (default: the current folder).")
  Path dir;

  @Option(names = "--mvn", paramLabel = "<command>", defaultValue = "mvn",
      description = "Maven, run once to resolve the class path (default: mvn from the PATH).")
  String mvn;

  @Override
  public Integer call() throws Exception {
    Project project = Project.find(dir);
    PrintWriter out = spec.commandLine().getOut();
    Versions versions = Versions.load();
    List<Path> classpath = DevClasspath.resolve(project, mvn, versions.of("maven-dependency-plugin"), out);
    pomSha = DevClasspath.sha256(Files.readAllBytes(project.root.resolve("pom.xml")));
    Config config = Config.system();
    Map<String, String> env = new HashMap<>();
    env.put("PORT", config.string("PORT", "8080"));
    env.put("HOST", config.string("HOST", "127.0.0.1")); // a development server stays on this machine unless told
    env.put("VIVACE_SHUTDOWN_TIMEOUT", config.string("VIVACE_SHUTDOWN_TIMEOUT", "2000")); // reloads wait less
    env.put("VIVACE_PROFILE", "dev");
    EmbeddedPostgres pg = null;
    if (project.has("db") && config.raw("DATABASE_URL") == null) {
      Path data = DbServer.embeddedDir(project, config);
      Integer running = DbServer.runningPort(data);
      if (running == null) {
        out.println("Starting the embedded PostgreSQL in " + data + " (kept up across reloads)...");
        out.flush();
        pg = EmbeddedPostgres.start(data);
        env.put("DATABASE_URL", pg.url());
      } else {
        env.put("DATABASE_URL", "postgres://postgres@127.0.0.1:" + running + "/postgres");
      }
      out.println("Database: " + env.get("DATABASE_URL"));
    }
    DevRedis redis = null;
    if (project.has("redis") && config.raw("REDIS_URL") == null) {
      redis = DevRedis.start();
      env.put("REDIS_URL", redis.url);
      out.println("Redis: " + redis.url + " (kept up across reloads)");
    }
    String release = versions.property("maven.compiler.release");
    DevCompiler compiler = new DevCompiler(project, classpath, release);
    DevApp app = new DevApp(project.root.resolve("target/classes"), classpath, project.packageName + "." + project.appClass(),
        env, out);
    EmbeddedPostgres database = pg;
    DevRedis cache = redis;
    Thread cleanup = new Thread(() -> {
      try {
        app.stop();
      } catch (InterruptedException ignored) {
        Thread.currentThread().interrupt();
      }
      if (database != null) {
        database.close();
      }
      if (cache != null) {
        cache.close();
      }
    }, "vivace-dev-stop");
    Runtime.getRuntime().addShutdownHook(cleanup);

    long t0 = System.nanoTime();
    compiler.copyResources();
    out.printf("Compiling %d source files...%n", compiler.allSources().size());
    out.flush();
    String errors = compiler.compile(null);
    lastCompileMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    if (errors != null) {
      printErrors(out, errors, false);
    } else {
      compiler.warmUp(); // while the app's JVM starts
      load(app, out, t0, "Started", null);
    }
    String newJvm = null; // why the next version needs a new JVM, until one starts
    try (WatchService watcher = FileSystems.getDefault().newWatchService()) {
      Map<WatchKey, Path> keys = new HashMap<>();
      register(watcher, keys, project.root.resolve("src/main/java"));
      register(watcher, keys, project.root.resolve("src/main/resources"));
      keys.put(project.root.register(watcher, StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_CREATE),
          project.root);
      out.println("Watching src/main/java, src/main/resources and pom.xml; Ctrl-C stops");
      out.flush();
      while (true) {
        Set<Path> changed = new LinkedHashSet<>();
        WatchKey key = watcher.take();
        long saved = System.nanoTime();
        collect(watcher, keys, key, changed, project.root);
        for (WatchKey more = watcher.poll(100, TimeUnit.MILLISECONDS); more != null;
            more = watcher.poll(100, TimeUnit.MILLISECONDS)) { // an editor's save is several events
          collect(watcher, keys, more, changed, project.root);
        }
        if (changed.isEmpty()) {
          continue;
        }
        boolean all = false;
        Path pom = project.root.resolve("pom.xml");
        if (changed.contains(pom) && !DevClasspath.sha256(Files.readAllBytes(pom)).equals(pomSha)) {
          pomSha = DevClasspath.sha256(Files.readAllBytes(pom));
          classpath = DevClasspath.resolve(project, mvn, versions.of("maven-dependency-plugin"), out);
          compiler.close();
          compiler = new DevCompiler(project, classpath, release);
          app.classpath(classpath);
          newJvm = "pom.xml changed: starting a new JVM on its class path";
          all = true;
        } else if (changed.equals(Set.of(pom))) {
          continue; // saved without a change
        }
        if (changed.stream().anyMatch(p -> p.startsWith(project.root.resolve("src/main/resources")))) {
          compiler.removeDeleted(changed);
          compiler.copyResources();
          if (changed.contains(project.root.resolve("src/main/resources/logback.xml"))) {
            newJvm = "logback.xml changed: starting a new JVM, which reads it once";
          }
        }
        long compileStart = System.nanoTime();
        String failed = compiler.compile(all ? null
            : changed.stream().filter(p -> p.startsWith(project.root.resolve("src/main/java"))).toList());
        if (failed != null) {
          printErrors(out, failed, app.alive());
          continue;
        }
        lastCompileMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - compileStart);
        if (load(app, out, saved, "Reloaded", newJvm)) {
          newJvm = null;
        }
      }
    }
  }

  /** The longest a version may take to start (a first start may unpack and start PostgreSQL), ms. */
  static final long START_TIMEOUT_MS = 180_000;

  /** The last compile's duration, for the reload line. */
  private long lastCompileMs;
  /** The hash of the pom.xml the app's JVM runs on. */
  private String pomSha;

  /**
   * Runs what is compiled as the next version: in the app's JVM, or in a new JVM when there is none,
   * when {@code newJvm} says why one is needed, or when the JVM could not let go of the old version
   * (said in one line). Prints the outcome with its times.
   *
   * @return true when a new JVM was started
   */
  private boolean load(DevApp app, PrintWriter out, long since, String what, String newJvm)
      throws IOException, InterruptedException {
    long stopStart = System.nanoTime();
    boolean fresh = newJvm != null || !app.alive();
    if (fresh) {
      if (newJvm != null) {
        say(out, newJvm);
      }
      app.stop();
      app.launch();
    }
    long startStart = System.nanoTime();
    DevApp.Result r = app.load(START_TIMEOUT_MS);
    if (!fresh && (r.outcome() == DevApp.Outcome.UNUSABLE || r.outcome() == DevApp.Outcome.ENDED)) {
      say(out, "Restarting the app's JVM: " + r.detail());
      fresh = true;
      stopStart = System.nanoTime();
      app.stop();
      app.launch();
      startStart = System.nanoTime();
      r = app.load(START_TIMEOUT_MS);
    }
    long now = System.nanoTime();
    long stopMs = fresh ? TimeUnit.NANOSECONDS.toMillis(startStart - stopStart) : r.stopMs();
    long startMs = fresh ? TimeUnit.NANOSECONDS.toMillis(now - startStart) : r.startMs();
    switch (r.outcome()) {
      case UP -> say(out, String.format("%s in %d ms in %s JVM (app pid %d; compile %d ms, stop %d ms, start %d ms)", what,
          TimeUnit.NANOSECONDS.toMillis(now - since), fresh ? "a new" : "the same", app.pid(), lastCompileMs, stopMs,
          startMs));
      case FAILED -> say(out, what + ": the app did not start (its output is above); fix it and save");
      default -> say(out, what + ": the app's JVM did not answer (" + r.detail() + "); a new one starts on the next save");
    }
    return fresh && r.outcome() != DevApp.Outcome.UNUSABLE && r.outcome() != DevApp.Outcome.ENDED;
  }

  private static void say(PrintWriter out, String line) {
    synchronized (out) {
      out.println(line);
      out.flush();
    }
  }

  private static void printErrors(PrintWriter out, String errors, boolean serving) {
    synchronized (out) {
      out.println("Compile error" + (serving ? "; the last good version keeps serving:" : "; fix it and save:"));
      errors.lines().forEach(l -> out.println("  " + l));
      out.flush();
    }
  }

  private static void register(WatchService watcher, Map<WatchKey, Path> keys, Path root) throws IOException {
    if (!Files.isDirectory(root)) {
      return;
    }
    try (Stream<Path> dirs = Files.walk(root)) {
      for (Path d : dirs.filter(Files::isDirectory).toList()) {
        keys.put(d.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
            StandardWatchEventKinds.ENTRY_DELETE), d);
      }
    }
  }

  private static void collect(WatchService watcher, Map<WatchKey, Path> keys, WatchKey key, Set<Path> changed, Path root)
      throws IOException {
    Path d = keys.get(key);
    for (WatchEvent<?> e : key.pollEvents()) {
      if (d == null || !(e.context() instanceof Path name)) {
        continue;
      }
      Path p = d.resolve(name);
      if (d.equals(root)) {
        if (name.toString().equals("pom.xml")) {
          changed.add(p);
        }
        continue;
      }
      if (Files.isDirectory(p)) {
        register(watcher, keys, p); // a new package or migrations folder
      } else if (!name.toString().startsWith(".") && !name.toString().endsWith("~")) {
        changed.add(p);
      }
    }
    key.reset();
  }
}
