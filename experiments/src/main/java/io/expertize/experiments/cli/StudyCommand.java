package io.expertize.experiments.cli;

import io.expertize.cli.CommandProvider;
import picocli.CommandLine.Command;

/** {@code expertize study}: run a study file's cells, show where they stand, report the results. */
@Command(name = "study", mixinStandardHelpOptions = true,
    description = {"Run a study: arms x axis values x seeds, each cell an ordinary run directory (docs/studies.md)."},
    subcommands = {StudyRunCommand.class, StudyStatusCommand.class, StudyReportCommand.class, StudyKeepCommand.class})
public final class StudyCommand {

  /** Adds {@code study} to the {@code expertize} commands (META-INF/services). */
  public static final class Provider implements CommandProvider {
    @Override
    public Object command() {
      return new StudyCommand();
    }
  }
}
