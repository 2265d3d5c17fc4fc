package io.expertize.cli;

import java.util.ServiceLoader;
import picocli.CommandLine;

/** Entry point of the {@code expertize} launcher. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /**
   * Runs a command line and returns its exit code: 0 ok, 2 usage or configuration error, 1 failure.
   * The subcommands are the built-in ones plus those of every {@link CommandProvider} on the class path.
   */
  public static int run(String... args) {
    CommandLine cli = new CommandLine(new ExpertizeCommand());
    ServiceLoader.load(CommandProvider.class).forEach(p -> cli.addSubcommand(p.command()));
    cli.setExecutionExceptionHandler(new ErrorReporter());
    return cli.execute(args);
  }
}
