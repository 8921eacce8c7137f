package io.vivace.cli;

import io.vivace.auth.AuthOptions;
import io.vivace.auth.Jwt;
import io.vivace.config.Config;
import io.vivace.config.ConfigException;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vivace token}: prints an access token (RFC 7519) signed with the configured key, read as the
 * server reads it ({@code JWT_SECRET} or the RSA keys, {@code JWT_ISSUER}, {@code JWT_AUDIENCE},
 * ..., from the environment or {@code -Dvivace.*} system properties), for load tests and manual
 * calls:
 *
 * <pre>
 * JWT_SECRET=... java -jar cli/target/vivace.jar token [--subject ID] [--roles a,b] [--ttl SECONDS]
 * </pre>
 *
 * Defaults: subject {@code loadtest}, no roles, a lifetime of {@value #DEFAULT_TTL} s. Prints the
 * token and a newline on standard output; a bad option or setting is one line on standard error
 * and exit status {@value VivaceCli#EXIT_USAGE}.
 */
@Command(name = "token", mixinStandardHelpOptions = true,
    description = "Prints an access token signed with the configured key (JWT_SECRET, JWT_ISSUER, "
        + "JWT_AUDIENCE, ... as the server reads them), for load tests and manual calls.")
final class TokenCommand implements Callable<Integer> {
  /** The default lifetime of a minted token, in seconds: {@value}. */
  static final long DEFAULT_TTL = 86_400;

  @Spec
  CommandSpec spec;

  @Option(names = "--subject", paramLabel = "<id>", defaultValue = "loadtest",
      description = "The token's subject, the user id (default: ${DEFAULT-VALUE}).")
  String subject;

  @Option(names = "--roles", paramLabel = "<role>", split = ",",
      description = "Roles, comma-separated (default: none).")
  List<String> roles = List.of();

  @Option(names = "--ttl", paramLabel = "<seconds>", defaultValue = "86400",
      description = "Lifetime in seconds, at least 1 (default: ${DEFAULT-VALUE}).")
  long ttl;

  @Override
  public Integer call() {
    if (subject.isBlank()) {
      throw CliException.usage("--subject needs a value");
    }
    if (ttl < 1) {
      throw CliException.usage("--ttl must be at least 1 s, got " + ttl);
    }
    List<String> clean = roles.stream().map(String::trim).filter(r -> !r.isEmpty()).toList();
    String token;
    try {
      Jwt jwt = Jwt.create(AuthOptions.fromEnvironment(Config.system()).accessTtl(ttl), Clock.systemUTC());
      token = jwt.issue(subject, clean, Map.of());
    } catch (IllegalArgumentException | IllegalStateException | ConfigException e) {
      throw CliException.usage(e.getMessage());
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println(token);
    out.flush();
    return VivaceCli.EXIT_OK;
  }
}
