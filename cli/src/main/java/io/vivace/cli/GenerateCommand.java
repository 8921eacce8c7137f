package io.vivace.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code vivace generate resource|migration}. */
@Command(name = "generate", mixinStandardHelpOptions = true,
    description = "Adds a resource or a migration to the project in the current folder.",
    subcommands = {ResourceCommand.class, MigrationCommand.class})
final class GenerateCommand implements Runnable {
  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "missing what to generate: resource or migration");
  }
}
