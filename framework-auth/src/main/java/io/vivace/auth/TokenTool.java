package io.vivace.auth;

import io.vivace.config.Config;
import io.vivace.config.ConfigException;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Prints an access token signed with the configured key ({@code JWT_SECRET}, {@code JWT_ISSUER},
 * {@code JWT_AUDIENCE}, ... as the server reads them), for load tests and manual calls:
 *
 * <pre>
 * JWT_SECRET=... java -cp examples/techempower/target/techempower.jar io.vivace.auth.TokenTool \
 *     [--subject ID] [--roles a,b] [--ttl SECONDS]
 * </pre>
 *
 * Defaults: subject {@code loadtest}, no roles, a lifetime of 86400 s. Prints the token and a
 * newline on stdout; on a bad argument or setting, one line on stderr and exit status 2.
 */
public final class TokenTool {
  /** The default lifetime of a minted token: {@value} s. */
  public static final long DEFAULT_TTL = 86_400;

  private TokenTool() {
  }

  public static void main(String[] args) {
    int status = run(args, Config.system(), System.out, System.err);
    if (status != 0) {
      System.exit(status);
    }
  }

  /** Runs the tool; returns the exit status. */
  static int run(String[] args, Config config, PrintStream out, PrintStream err) {
    String subject = "loadtest";
    List<String> roles = List.of();
    long ttl = DEFAULT_TTL;
    try {
      for (int i = 0; i < args.length; i++) {
        String value = i + 1 < args.length ? args[i + 1] : null;
        switch (args[i]) {
          case "--subject":
            subject = need(args[i], value);
            i++;
            break;
          case "--roles":
            roles = Arrays.stream(need(args[i], value).split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
            i++;
            break;
          case "--ttl":
            try {
              ttl = Long.parseLong(need(args[i], value));
            } catch (NumberFormatException e) {
              throw new IllegalArgumentException("--ttl needs a number of seconds, got '" + value + "'");
            }
            if (ttl < 1) {
              throw new IllegalArgumentException("--ttl must be at least 1 s, got " + ttl);
            }
            i++;
            break;
          default:
            throw new IllegalArgumentException("unknown argument '" + args[i] + "' (use --subject ID, --roles a,b, --ttl SECONDS)");
        }
      }
      Jwt jwt = Jwt.create(AuthOptions.fromEnvironment(config).accessTtl(ttl), Clock.systemUTC());
      out.println(jwt.issue(subject, roles, Map.of()));
      return 0;
    } catch (IllegalArgumentException | IllegalStateException | ConfigException e) {
      err.println("TokenTool: " + e.getMessage());
      return 2;
    }
  }

  private static String need(String flag, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(flag + " needs a value");
    }
    return value;
  }
}
