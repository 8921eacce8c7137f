package io.vivace.loadtests.cluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The load driver of {@code loadtests/cluster}: small closed-loop HTTP clients on the JDK's client,
 * not a benchmark tool. Commands (options as {@code --name value}):
 * <ul>
 *   <li>{@code token --url U --out FILE}: signs a new user up through the auth module, logs in and
 *       writes the access token to FILE.</li>
 *   <li>{@code load --url U --seconds S --users N [--write-every K --token-file F --tag T] --posts P --out DIR [--stop-file F]}:
 *       see {@link LoadRun}; exit 0 when every read succeeded.</li>
 *   <li>{@code coherence --a URL --b URL --token-file F --rounds N}: see {@link Coherence}; prints
 *       {@code rounds=.. p50_us=.. p99_us=.. max_us=.. stale=..}; exit 0 when no round was stale.</li>
 * </ul>
 * Exit status 2 on a usage error, 1 when the command ran and its condition did not hold.
 */
public final class ClusterDriver {
  private ClusterDriver() {
  }

  public static void main(String[] args) throws Exception {
    if (args.length == 0 || args.length % 2 == 0) {
      usage("expected a command and --name value pairs");
    }
    Map<String, String> o = new HashMap<>();
    for (int i = 1; i < args.length; i += 2) {
      if (!args[i].startsWith("--")) {
        usage("not an option: " + args[i]);
      }
      o.put(args[i].substring(2), args[i + 1]);
    }
    switch (args[0]) {
      case "token" -> System.exit(token(need(o, "url"), Path.of(need(o, "out"))));
      case "load" -> {
        String tokenFile = o.get("token-file");
        LoadRun.Settings s = new LoadRun.Settings(need(o, "url"), integer(o, "seconds", 5), integer(o, "users", 8),
            integer(o, "write-every", 0), integer(o, "posts", 100), o.getOrDefault("tag", "load"),
            tokenFile == null ? null : Files.readString(Path.of(tokenFile)).trim(), Path.of(need(o, "out")),
            o.containsKey("stop-file") ? Path.of(o.get("stop-file")) : null);
        System.exit(new LoadRun(s).run() == 0 ? 0 : 1);
      }
      case "coherence" -> {
        Coherence.Result r = new Coherence().run(need(o, "a"), need(o, "b"),
            Files.readString(Path.of(need(o, "token-file"))).trim(), integer(o, "rounds", 50));
        System.out.println("rounds=" + r.rounds() + " p50_us=" + r.p50Us() + " p99_us=" + r.p99Us()
            + " max_us=" + r.maxUs() + " stale=" + r.stale() + (r.error() == null ? "" : " error=" + r.error()));
        System.exit(r.held() ? 0 : 1);
      }
      default -> usage("unknown command " + args[0]);
    }
  }

  private static int token(String url, Path out) throws Exception {
    Http http = new Http();
    String email = "cluster-" + System.currentTimeMillis() + "-" + ProcessHandle.current().pid() + "@example.com";
    String credentials = "{\"email\":\"" + email + "\",\"password\":\"a long cluster password\"}";
    Http.Answer signup = http.send("POST", url + "/auth/signup", credentials, null);
    if (signup.status() != 201) {
      System.err.println("signup failed: " + signup.status() + " " + signup.body());
      return 1;
    }
    Http.Answer login = http.send("POST", url + "/auth/login", credentials, null);
    String token = login.ok() ? Http.member(login.body(), "accessToken") : null;
    if (token == null) {
      System.err.println("login failed: " + login.status() + " " + login.body());
      return 1;
    }
    Files.writeString(out, token + "\n");
    return 0;
  }

  private static String need(Map<String, String> o, String name) {
    String v = o.get(name);
    if (v == null) {
      usage("missing --" + name);
    }
    return v;
  }

  private static int integer(Map<String, String> o, String name, int fallback) {
    String v = o.get(name);
    try {
      return v == null ? fallback : Integer.parseInt(v);
    } catch (NumberFormatException e) {
      usage("--" + name + " must be an integer, got " + v);
      return fallback;
    }
  }

  private static void usage(String message) {
    System.err.println("cluster driver: " + message);
    System.exit(2);
  }
}
