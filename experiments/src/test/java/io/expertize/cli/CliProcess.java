package io.expertize.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The CLI in a process of its own ({@code java -cp <test class path> io.expertize.cli.Main ...}), for
 * faults that are about processes: signals, kills, two processes at once. Output goes to files.
 */
final class CliProcess {
  private final Process process;
  private final Path out;
  private final Path err;

  private CliProcess(Process process, Path out, Path err) {
    this.process = process;
    this.out = out;
    this.err = err;
  }

  /** Starts {@code expertize ARGS}; its output goes to {@code logs/<name>.out} and {@code .err}. */
  static CliProcess start(Path logs, String name, List<String> args) throws IOException {
    Files.createDirectories(logs);
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx512m", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
    command.addAll(args);
    Path out = logs.resolve(name + ".out");
    Path err = logs.resolve(name + ".err");
    Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    return new CliProcess(p, out, err);
  }

  long pid() {
    return process.pid();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** Waits for the exit code (at most {@code seconds}; then kills and fails). */
  int exitCode(int seconds) throws Exception {
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
      throw new AssertionError("still running after " + seconds + " s; stderr:\n" + err());
    }
    return process.exitValue();
  }

  /** {@code kill -SIGNAL pid}. */
  void signal(String signal) throws Exception {
    ProcessWaits.signal(process, signal);
  }

  /** SIGTERM, as {@link Process#destroy()} sends it. */
  void terminate() {
    process.destroy();
  }

  /** SIGKILL. */
  void kill() throws InterruptedException {
    process.destroyForcibly().waitFor();
  }

  String out() throws IOException {
    return Files.readString(out, StandardCharsets.UTF_8);
  }

  String err() throws IOException {
    return Files.readString(err, StandardCharsets.UTF_8);
  }

  /** Polls {@code condition} every 20 ms while the process lives; true once it holds. */
  boolean await(BooleanSupplier condition, int seconds) throws InterruptedException {
    return ProcessWaits.await(process, condition, seconds);
  }
}
