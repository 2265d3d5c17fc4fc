package io.expertize.processor.bench;

import io.expertize.processor.ExpertizeProcessor;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * What the processor adds to javac, over the given source trees: each compilation is timed with
 * the processor and without ({@code -proc:none}), alternately, as a fresh {@code javac} process
 * (what a cold Maven compile pays, processor path = processor, framework and JavaPoet jars only) and
 * in this JVM after warm-up (what a warm build daemon pays; there also with checks only,
 * {@code -Aexpertize.generate=false}). Prints medians and ranges.
 *
 * <p>Arguments: {@code repeats processorPath sourceRoot...}; run by annotations-processor/bench/build-time.sh.
 */
public final class ProcessorCostBench {
  private ProcessorCostBench() {}

  public static void main(String[] args) throws Exception {
    int repeats = Integer.parseInt(args[0]);
    String processorPath = args[1];
    List<String> sources = new ArrayList<>();
    for (String root : Arrays.copyOfRange(args, 2, args.length)) {
      try (Stream<Path> files = Files.walk(Path.of(root))) {
        files.filter(p -> p.toString().endsWith(".java")).forEach(p -> sources.add(p.toString()));
      }
    }
    long models = sources.stream().filter(ProcessorCostBench::declaresFusionScheme).count();
    System.out.printf("%d source files, %d of them @FusionScheme models; %d repeats%n", sources.size(), models, repeats);

    Samples coldWithout = new Samples();
    Samples coldWith = new Samples();
    for (int r = 0; r < repeats; r++) {
      coldWithout.add(javacProcess(sources, List.of("-proc:none")));
      coldWith.add(javacProcess(sources, List.of("-processorpath", processorPath,
          "-processor", ExpertizeProcessor.class.getName())));
    }
    Samples warmWithout = new Samples();
    Samples warmWith = new Samples();
    Samples warmChecking = new Samples();
    for (int r = 0; r < repeats + 3; r++) { // the first 3 of each warm the JIT and are dropped
      long without = inProcess(sources, List.of("-proc:none"), false);
      long with = inProcess(sources, List.of(), true);
      long checking = inProcess(sources, List.of("-A" + ExpertizeProcessor.GENERATE_OPTION + "=false"), true);
      if (r >= 3) {
        warmWithout.add(without);
        warmWith.add(with);
        warmChecking.add(checking);
      }
    }
    report("javac process (cold)", coldWithout, coldWith, models, sources.size());
    report("javac in-process (warm)", warmWithout, warmWith, models, sources.size());
    report("  checks only (warm)", warmWithout, warmChecking, models, sources.size());
  }

  private static void report(String what, Samples without, Samples with, long models, int files) {
    double cost = with.median() - without.median();
    System.out.printf("%-24s without %7.1f ms [%.1f..%.1f]   with %7.1f ms [%.1f..%.1f]   processor %+6.1f ms"
            + " = %+.1f ms per model, %+.1f ms per source file%n",
        what, without.median(), without.min(), without.max(), with.median(), with.min(), with.max(),
        cost, cost / models, cost / files);
  }

  /** Wall time of a fresh javac process, in ms. */
  private static long javacProcess(List<String> sources, List<String> processing) throws IOException, InterruptedException {
    Path out = Files.createTempDirectory("javac-bench");
    List<String> command = new ArrayList<>(List.of("javac", "-d", out.toString(), "-cp",
        System.getProperty("java.class.path")));
    command.addAll(processing);
    command.addAll(sources);
    long start = System.nanoTime();
    Process p = new ProcessBuilder(command).inheritIO().start();
    if (p.waitFor() != 0) {
      throw new IllegalStateException("javac failed: " + String.join(" ", processing));
    }
    return (System.nanoTime() - start) / 1_000_000;
  }

  /** Wall time of one in-process compilation, in ms. */
  private static long inProcess(List<String> sources, List<String> processing, boolean withProcessor) throws IOException {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    Path out = Files.createTempDirectory("javac-bench");
    try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, null)) {
      List<String> options = new ArrayList<>(List.of("-d", out.toString()));
      options.addAll(processing);
      JavaCompiler.CompilationTask task = javac.getTask(null, files, null, options, null,
          files.getJavaFileObjectsFromFiles(sources.stream().map(File::new).toList()));
      if (withProcessor) {
        task.setProcessors(List.of(new ExpertizeProcessor()));
      }
      long start = System.nanoTime();
      if (!task.call()) {
        throw new IllegalStateException("compilation failed");
      }
      return (System.nanoTime() - start) / 1_000_000;
    }
  }

  private static boolean declaresFusionScheme(String file) {
    try {
      return Files.readString(Path.of(file)).contains("@FusionScheme");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Milliseconds, summarised. */
  static final class Samples {
    private final List<Long> values = new ArrayList<>();

    void add(long ms) {
      values.add(ms);
    }

    double median() {
      List<Long> s = values.stream().sorted().toList();
      int n = s.size();
      return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2.0;
    }

    double min() {
      return values.stream().mapToLong(Long::longValue).min().orElse(0);
    }

    double max() {
      return values.stream().mapToLong(Long::longValue).max().orElse(0);
    }
  }
}
