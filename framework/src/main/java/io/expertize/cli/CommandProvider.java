package io.expertize.cli;

/**
 * A subcommand that another module adds to {@code expertize} without the framework depending on it
 * (the {@code study} commands of the experiments module, a user's own). Found by {@link java.util.ServiceLoader}:
 * list the implementation in {@code META-INF/services/io.expertize.cli.CommandProvider}.
 */
public interface CommandProvider {
  /** A picocli command: an instance of a class annotated with {@code @Command}, named by it. */
  Object command();
}
