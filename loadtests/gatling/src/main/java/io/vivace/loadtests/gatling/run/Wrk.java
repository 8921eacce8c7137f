package io.vivace.loadtests.gatling.run;

import io.vivace.loadtests.gatling.sim.EchoBody;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * wrk, when installed, measures the server's capacity next to Gatling: written in C with one
 * event loop per thread, it needs far less CPU per request than Gatling, so on a small machine it
 * shows what the server can do when the generator is not the limit. Each scenario's fixed request
 * is used (a POST body through a Lua script, the bearer token as a header).
 */
final class Wrk {
  private static final Pattern RPS = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
  private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses:\\s+(\\d+)");
  private static final Pattern SOCKET_ERRORS = Pattern.compile("Socket errors:[^\\n]*");

  /**
   * @param rps requests per second
   * @param errors non-2xx responses
   * @param note socket errors as wrk printed them, or empty
   */
  record Result(double rps, long errors, String note) {
  }

  /** The command line the published targets were measured with. */
  static final String PUBLISHED = "wrk -t12 -c400 -d30s";
  static final int PUBLISHED_THREADS = 12;
  static final int PUBLISHED_CONNECTIONS = 400;
  static final int PUBLISHED_SECONDS = 30;
  /** The key of a published-command-line result: {@code scenario/published}. */
  static final String PUBLISHED_KEY = "published";

  private Wrk() {
  }

  /** The wrk executable on the PATH, or null. */
  static Path find() {
    String path = System.getenv("PATH");
    if (path == null) {
      return null;
    }
    for (String dir : path.split(File.pathSeparator)) {
      Path wrk = Path.of(dir, "wrk");
      if (Files.isExecutable(wrk)) {
        return wrk;
      }
    }
    return null;
  }

  /** The path wrk requests for a scenario (the blog's random ids fixed to the probe's). */
  static String path(Scenario s, int queries) {
    return switch (s) {
      case QUERIES -> "/queries?queries=" + queries;
      case UPDATES -> "/updates?queries=" + queries;
      case CACHED_QUERIES -> "/cached-queries?count=" + queries;
      default -> s.probePath();
    };
  }

  /**
   * Runs {@code wrk -t<threads> -c<connections> -d<seconds>s} against one scenario.
   *
   * @param bearer the token for the authenticated scenario, else null
   * @param work a folder for the POST script
   */
  static Result run(Path wrk, String baseUrl, Scenario s, int queries, int threads, int connections, int seconds,
      String bearer, Path work) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(wrk.toString(), "-t" + threads, "-c" + Math.max(threads, connections),
        "-d" + seconds + "s", "--timeout", "8s"));
    if (bearer != null) {
      cmd.addAll(List.of("-H", "Authorization: Bearer " + bearer));
    }
    if (s == Scenario.JSON_POST) {
      Path script = work.resolve("echo-post.lua");
      Files.writeString(script, "wrk.method = \"POST\"\nwrk.headers[\"Content-Type\"] = \"application/json\"\n"
          + "wrk.body = '" + EchoBody.JSON + "'\n", StandardCharsets.UTF_8);
      cmd.addAll(List.of("-s", script.toString()));
    }
    cmd.add(baseUrl + path(s, queries));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(seconds + 60L, TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IOException("wrk failed: " + out);
    }
    return parse(out);
  }

  /** Reads wrk's report: Requests/sec, non-2xx responses and socket errors. */
  static Result parse(String out) throws IOException {
    Matcher rps = RPS.matcher(out);
    if (!rps.find()) {
      throw new IOException("no Requests/sec in wrk's output:\n" + out);
    }
    Matcher non2xx = NON_2XX.matcher(out);
    Matcher socket = SOCKET_ERRORS.matcher(out);
    return new Result(Double.parseDouble(rps.group(1)), non2xx.find() ? Long.parseLong(non2xx.group(1)) : 0,
        socket.find() ? socket.group().trim() : "");
  }
}
