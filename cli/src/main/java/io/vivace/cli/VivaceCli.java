package io.vivace.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Properties;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Ansi;

/**
 * The {@code vivace} command: {@code new}, {@code generate resource|migration}, {@code routes}, {@code openapi},
 * {@code token}, {@code db}, {@code dev} and {@code generate-completion}. Exit statuses: {@value #EXIT_OK} done,
 * {@value #EXIT_USAGE} usage error (unknown option, bad name, type, reference or setting), {@value #EXIT_REFUSED} refused because it would
 * overwrite, {@value #EXIT_NOT_A_PROJECT} not inside a project made by {@code vivace new} (or the
 * project lacks what the command needs), {@value #EXIT_IO} an I/O failure (nothing was moved in).
 * Errors are one line on standard error, red only on a terminal.
 */
@Command(name = "vivace", mixinStandardHelpOptions = true, versionProvider = VivaceCli.Version.class,
    description = "Creates Vivace projects, generates resources in them, writes their OpenAPI document, runs them with "
        + "reload (dev), manages their database (db) and mints access tokens.",
    subcommands = {NewCommand.class, GenerateCommand.class, RoutesCommand.class, OpenApiCommand.class, TokenCommand.class,
        DbCommand.class, DevCommand.class,
        AutoComplete.GenerateCompletion.class},
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {
        "0:done",
        "1:usage error: unknown option, bad name, type, reference or setting",
        "2:refused: it would overwrite a file or folder (use --force)",
        "3:not inside a Vivace project, or the project lacks a needed feature",
        "4:I/O failure, or the app did not write its document (openapi); nothing was moved into place",
        "5:the database failed or refused (vivace db)"})
public final class VivaceCli implements Runnable {
  public static final int EXIT_OK = 0;
  public static final int EXIT_USAGE = 1;
  public static final int EXIT_REFUSED = 2;
  public static final int EXIT_NOT_A_PROJECT = 3;
  public static final int EXIT_IO = 4;
  public static final int EXIT_DATABASE = 5;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  private VivaceCli() {
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing command: new, generate, routes, openapi, token, "
        + "db, dev or generate-completion");
  }

  public static void main(String[] args) {
    // The tool has no logging provider: SLF4J's "no providers" notice would break the one-line
    // error rule (vivace token loads framework classes that log).
    if (System.getProperty("slf4j.internal.verbosity") == null) {
      System.setProperty("slf4j.internal.verbosity", "ERROR");
    }
    System.exit(run(args));
  }

  /** Runs one command line in this process; its exit status (no {@code System.exit}). */
  public static int run(String... args) {
    return commandLine().execute(args);
  }

  /** The configured command line, with this class's exit codes and one-line errors. */
  static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new VivaceCli());
    cl.setParameterExceptionHandler((ex, args) -> {
      CommandLine c = ex.getCommandLine();
      error(c.getErr(), ex.getMessage() + " (see: " + c.getCommandSpec().qualifiedName() + " --help)");
      return EXIT_USAGE;
    });
    cl.setExecutionExceptionHandler((ex, c, parsed) -> {
      if (ex instanceof CliException) {
        error(c.getErr(), ex.getMessage());
        return ((CliException) ex).exitCode();
      }
      if (ex instanceof IOException) {
        error(c.getErr(), "I/O failure, nothing was moved into place: " + ex);
        return EXIT_IO;
      }
      throw ex;
    });
    return cl;
  }

  private static void error(PrintWriter err, String message) {
    err.println(Ansi.AUTO.string("@|bold,red error:|@ ") + message);
    err.flush();
  }

  /** {@code --version}: the tool's version, which is also the framework version it generates for. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
      Properties p = new Properties();
      try (InputStream in = VivaceCli.class.getResourceAsStream("tool.properties")) {
        p.load(in);
      }
      return new String[] {"vivace " + p.getProperty("version"),
          "JVM: ${java.version} (${java.vendor} ${java.vm.name} ${java.vm.version})"};
    }
  }
}
