package io.expertize.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The repository's {@code ./expertize} script, or a user's own main class, in a process of its own, as a user runs
 * it. Its output is read through pipes to their end: the script's stderr filter (a grep) may still write after the
 * JVM has exited.
 */
final class LauncherProcess {
  private final Process process;
  private final CompletableFuture<String> out;
  private final CompletableFuture<String> err;

  private LauncherProcess(Process process) {
    this.process = process;
    this.out = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
    this.err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
  }

  /** {@code ./expertize ARGS} from the repository root, with {@code env} added to this JVM's environment. */
  static LauncherProcess start(Map<String, String> env, List<String> args) throws IOException {
    List<String> command = new ArrayList<>(List.of("bash", TinyRuns.REPO.resolve("expertize").toString()));
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command).directory(TinyRuns.REPO.toFile());
    builder.environment().putAll(env);
    builder.environment().put("EXPERTIZE_JAVA_OPTS", "-Xmx1g");
    return new LauncherProcess(builder.start());
  }

  /**
   * {@code java -cp USER_CLASSPATH:<the launcher's class path> MAIN ARGS}: a user's program on the jars
   * {@code ./expertize} runs.
   */
  static LauncherProcess startJava(String userClassPath, String mainClass, List<String> args) throws IOException {
    Path target = TinyRuns.REPO.resolve("experiments/target");
    String classPath = userClassPath + ":" + target.resolve("classes") + ":"
        + Files.readString(target.resolve("launcher.classpath")).strip();
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx1g", "-cp", classPath, mainClass));
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command).directory(TinyRuns.REPO.toFile());
    builder.environment().put("TF_CPP_MIN_LOG_LEVEL", "2");
    return new LauncherProcess(builder.start());
  }

  /** {@code ./expertize ARGS} to its end (at most {@code seconds}). */
  static Outcome run(int seconds, Map<String, String> env, String... args) throws Exception {
    return start(env, List.of(args)).outcome(seconds);
  }

  /** The exit code and output, once the process has ended (at most {@code seconds}). */
  Outcome outcome(int seconds) throws Exception {
    int code = exitCode(seconds);
    return new Outcome(code, out(), err());
  }

  record Outcome(int code, String out, String err) {
    /** Both streams, for assertion messages. */
    String all() {
      return "stdout:\n" + out + "\nstderr:\n" + err;
    }
  }

  /** Waits for the exit code (at most {@code seconds}; then kills and fails) and the end of the output. */
  int exitCode(int seconds) throws Exception {
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
      throw new AssertionError("still running after " + seconds + " s; stderr:\n" + err.getNow("(not read)"));
    }
    out.get(60, TimeUnit.SECONDS);
    err.get(60, TimeUnit.SECONDS);
    return process.exitValue();
  }

  /** {@code kill -SIGNAL pid}: the script has exec'd the JVM, so the JVM gets it. */
  void signal(String signal) throws Exception {
    ProcessWaits.signal(process, signal);
  }

  /** Polls {@code condition} every 20 ms while the process lives; true once it holds. */
  boolean await(BooleanSupplier condition, int seconds) throws InterruptedException {
    return ProcessWaits.await(process, condition, seconds);
  }

  String out() throws Exception {
    return out.get(60, TimeUnit.SECONDS);
  }

  String err() throws Exception {
    return err.get(60, TimeUnit.SECONDS);
  }

  private static String read(InputStream in) {
    try (in) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      in.transferTo(bytes);
      return bytes.toString(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
