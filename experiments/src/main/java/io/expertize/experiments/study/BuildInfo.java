package io.expertize.experiments.study;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What runs the cells: the build (its git commit, and whether the tree differed from it) and the
 * processor, since the same build and seed give the same figures only on the same kind of CPU (float
 * rounding of TensorFlow's kernels depends on the instructions it picks).
 */
public record BuildInfo(String commit, boolean dirty, String cpu) {
  static final String UNKNOWN = "unknown";

  /** The repository these classes were built from (the directory holding {@code .git} above them), if any. */
  public static Optional<Path> repository() {
    try {
      Path p = Path.of(BuildInfo.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toAbsolutePath();
      for (; p != null; p = p.getParent()) {
        if (Files.exists(p.resolve(".git"))) {
          return Optional.of(p);
        }
      }
    } catch (URISyntaxException | SecurityException e) {
      // no location to start from
    }
    return Optional.empty();
  }

  /** Asks git in the repository; {@code unknown} when there is none (an unpacked distribution). */
  public static BuildInfo current() {
    Optional<Path> root = repository();
    if (root.isEmpty()) {
      return new BuildInfo(UNKNOWN, false, cpuModel());
    }
    Optional<String> commit = git(root.get(), "rev-parse", "HEAD");
    Optional<String> changes = git(root.get(), "status", "--porcelain", "--untracked-files=no");
    return new BuildInfo(commit.orElse(UNKNOWN), changes.map(c -> !c.isBlank()).orElse(false), cpuModel());
  }

  /** The processor's model name from /proc/cpuinfo (Linux), else the JVM's architecture name. */
  static String cpuModel() {
    try (var lines = Files.lines(Path.of("/proc/cpuinfo"), StandardCharsets.UTF_8)) {
      Optional<String> model = lines.filter(l -> l.startsWith("model name")).findFirst()
          .map(l -> l.substring(l.indexOf(':') + 1).strip());
      if (model.isPresent() && !model.get().isEmpty()) {
        return model.get();
      }
    } catch (IOException | java.io.UncheckedIOException e) {
      // not Linux: fall through
    }
    return System.getProperty("os.arch", UNKNOWN);
  }

  private static Optional<String> git(Path root, String... args) {
    try {
      List<String> command = new java.util.ArrayList<>(List.of("git", "-C", root.toString()));
      command.addAll(List.of(args));
      Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      return p.waitFor() == 0 ? Optional.of(out) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }
}
