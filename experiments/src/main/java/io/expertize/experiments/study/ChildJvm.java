package io.expertize.experiments.study;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts a cell's child JVM: this JVM's java, class path and heap limit, {@link CellMain} with the
 * runner's pid, TensorFlow's two thread pools sized by environment (TF reads {@code TF_NUM_INTRAOP_THREADS}
 * and {@code TF_NUM_INTEROP_THREADS} when a session does not set them), output appended to a log file.
 */
final class ChildJvm {
  private ChildJvm() {}

  static Process start(CellCommand command, Path log) {
    List<String> argv = new ArrayList<>();
    argv.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    ManagementFactory.getRuntimeMXBean().getInputArguments().stream().filter(a -> a.startsWith("-Xmx")).forEach(argv::add);
    argv.addAll(List.of("-cp", System.getProperty("java.class.path"),
        "-D" + CellMain.RUNNER_PID + "=" + ProcessHandle.current().pid(), CellMain.class.getName()));
    argv.addAll(command.arguments());
    try {
      Files.createDirectories(log.getParent());
      Files.writeString(log, "\n$ " + command.reproduce() + (command.arguments().contains("--resume") ? "   (resumed)" : "")
          + "\n", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
      ProcessBuilder builder = new ProcessBuilder(argv)
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
          .redirectInput(ProcessBuilder.Redirect.PIPE);
      builder.environment().put(CellCommand.INTRA_OP, Integer.toString(command.threads()));
      builder.environment().put(CellCommand.INTER_OP, Integer.toString(command.threads()));
      builder.environment().putIfAbsent("TF_CPP_MIN_LOG_LEVEL", "2");
      return builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the child JVM of " + log, e);
    }
  }

  /** The error a failed child reported: its {@code expertize ...:} line, else the end of its log. */
  static String error(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      for (int i = lines.size() - 1; i >= 0 && !lines.get(i).startsWith("$ "); i--) {
        if (lines.get(i).startsWith("expertize ")) {
          return lines.get(i);
        }
      }
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 10), lines.size())).strip();
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }
}
