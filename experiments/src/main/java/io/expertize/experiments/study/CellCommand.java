package io.expertize.experiments.study;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The {@code expertize} arguments that train a cell into {@code run}: a fresh {@code train --config
 * ... --set ... --out RUN}, or {@code train --resume RUN} for an interrupted one. {@link #reproduce} is
 * the shell line that makes the same cell from scratch, thread pools included.
 */
record CellCommand(List<String> arguments, String reproduce, int threads) {
  static final String INTRA_OP = "TF_NUM_INTRAOP_THREADS";
  static final String INTER_OP = "TF_NUM_INTEROP_THREADS";
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9._/=,:+@%-]+");

  /**
   * @param resume continue {@code run} from its checkpoint; {@code force}: clear a run directory that
   *     a killed child left without a checkpoint (the runner's own cell, nothing of the user's)
   */
  static CellCommand of(Cell cell, Path run, int threads, boolean resume, boolean force) {
    List<String> fresh = new ArrayList<>(List.of("train"));
    if (cell.config() != null) {
      fresh.addAll(List.of("--config", cell.config().toString()));
    }
    cell.sets().forEach(s -> fresh.addAll(List.of("--set", s)));
    fresh.addAll(List.of("--out", run.toString()));
    String reproduce = INTRA_OP + "=" + threads + " " + INTER_OP + "=" + threads + " ./expertize "
        + fresh.stream().map(CellCommand::quote).collect(Collectors.joining(" "));
    List<String> arguments = resume ? List.of("train", "--resume", run.toString()) : new ArrayList<>(fresh);
    if (force && !resume) {
      arguments.add("--force");
    }
    return new CellCommand(List.copyOf(arguments), reproduce, threads);
  }

  private static String quote(String arg) {
    return PLAIN.matcher(arg).matches() ? arg : "'" + arg.replace("'", "'\\''") + "'";
  }
}
