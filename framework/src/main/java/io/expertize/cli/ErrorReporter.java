package io.expertize.cli;

import io.expertize.config.ConfigException;
import io.expertize.data.DataException;
import io.expertize.experts.ExpertizeException;
import io.expertize.export.ExportException;
import io.expertize.train.RunFinishedException;
import io.expertize.train.TrainingInterruptedException;
import io.expertize.train.io.CheckpointException;
import io.expertize.train.io.DirectoryLockedException;
import io.expertize.registry.UnknownModelException;
import io.expertize.run.UnsupportedRunException;
import io.expertize.train.io.RunDirectoryException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Maps failures to a one-paragraph message and an exit code (docs/reliability.md): 2 for what the
 * user can fix in what they gave (command line, configuration, the files and directories they named:
 * data, run directory, checkpoint, SavedModel, a directory another process holds), 1 for failures of
 * the run itself (TensorFlow, I/O while writing, a bug), 128 + N for a run stopped by signal N.
 * A stack trace only with {@code EXPERTIZE_DEBUG=1}.
 */
final class ErrorReporter implements IExecutionExceptionHandler {
  static final int RUNTIME_FAILURE = 1;
  static final int USAGE_ERROR = 2;

  @Override
  public int handleExecutionException(Exception e, CommandLine cli, ParseResult parsed) {
    Throwable cause = e instanceof com.google.inject.ProvisionException p && p.getCause() != null ? p.getCause() : e;
    cause = cause instanceof com.google.inject.CreationException c && c.getCause() != null ? c.getCause() : cause;
    if (cause instanceof TrainingInterruptedException interrupted) {
      cli.getErr().println("expertize " + cli.getCommandName() + ": " + interrupted.getMessage());
      return signalExitCode(interrupted.reason());
    }
    boolean usage = cause instanceof ConfigException || cause instanceof UnknownModelException
        || cause instanceof RunDirectoryException || cause instanceof DataException
        || cause instanceof UsageException || cause instanceof UnsupportedRunException || cause instanceof ExpertizeException
        || cause instanceof ExportException || cause instanceof CheckpointException
        || cause instanceof DirectoryLockedException || cause instanceof RunFinishedException
        || cause instanceof io.expertize.distributed.ClusterException;
    String message = cause.getMessage() != null ? cause.getMessage() : cause.getClass().getName();
    cli.getErr().println("expertize " + cli.getCommandName() + ": " + message
        + (usage ? "" : " (set EXPERTIZE_DEBUG=1 for the stack trace)"));
    if (System.getenv("EXPERTIZE_DEBUG") != null) {
      cause.printStackTrace(cli.getErr());
    }
    return usage ? USAGE_ERROR : RUNTIME_FAILURE;
  }

  /** The shell's convention for a run stopped by a signal: 128 + its number (130 for SIGINT, 143 for SIGTERM). */
  static int signalExitCode(String reason) {
    return switch (reason) {
      case "SIGINT" -> 130;
      case "SIGTERM" -> 143;
      default -> RUNTIME_FAILURE;
    };
  }
}
