package io.expertize.cli;

import picocli.CommandLine;

/** Entry point of the {@code expertize} launcher. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs a command line and returns its exit code: 0 ok, 2 usage or configuration error, 1 failure. */
  public static int run(String... args) {
    CommandLine cli = new CommandLine(new ExpertizeCommand());
    cli.setExecutionExceptionHandler(new ErrorReporter());
    return cli.execute(args);
  }
}
