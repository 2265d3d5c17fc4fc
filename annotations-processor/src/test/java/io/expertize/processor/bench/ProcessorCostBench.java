package io.expertize.processor.bench;

import io.expertize.processor.ExpertizeProcessor;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
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
 * What the processor adds to javac, over the given source trees. Each compilation is timed with the
 * processor, with its checks only ({@code -Aexpertize.generate=false}) and without it
 * ({@code -proc:none}), in turn: as a fresh {@code javac} process (what a cold Maven compile pays;
 * processor path = processor, framework and JavaPoet jars only; CPU time from GNU time) and in this
 * JVM after warm-up (what a warm build daemon pays; CPU time of this thread). CPU time is the figure
 * to read on a shared machine, wall time moves with the load. Prints medians and ranges.
 *
 * <p>Arguments: {@code repeats processorPath sourceRoot...}; run by annotations-processor/bench/build-time.sh.
 */
public final class ProcessorCostBench {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private ProcessorCostBench() {}

  /** One compilation's cost in ms. */
  private record Cost(double wall, double cpu) {}

  /** The three ways of compiling the same sources. */
  private enum Mode {
    WITHOUT(List.of("-proc:none")),
    CHECKS_ONLY(List.of("-A" + ExpertizeProcessor.GENERATE_OPTION + "=false")),
    WITH(List.of());

    final List<String> options;

    Mode(List<String> options) {
      this.options = options;
    }
  }

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
    System.out.printf("%d source files, %d of them declare @FusionScheme; %d repeats; ms, median [min..max]%n",
        sources.size(), models, repeats);

    List<List<Cost>> cold = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    for (int r = 0; r < repeats; r++) {
      for (Mode m : Mode.values()) {
        cold.get(m.ordinal()).add(javacProcess(sources, m, processorPath));
      }
    }
    List<List<Cost>> warm = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    for (int r = 0; r < repeats + 3; r++) { // the first 3 rounds warm the JIT and are dropped
      for (Mode m : Mode.values()) {
        Cost c = inProcess(sources, m);
        if (r >= 3) {
          warm.get(m.ordinal()).add(c);
        }
      }
    }
    report("javac process (cold)", cold, models);
    report("javac in-process (warm)", warm, models);
  }

  private static void report(String what, List<List<Cost>> costs, long models) {
    System.out.println(what);
    double baseWall = median(costs.get(0), Cost::wall);
    double baseCpu = median(costs.get(0), Cost::cpu);
    for (Mode m : Mode.values()) {
      List<Cost> c = costs.get(m.ordinal());
      double wall = median(c, Cost::wall);
      double cpu = median(c, Cost::cpu);
      System.out.printf("  %-12s wall %7.0f %s  cpu %7.0f %s  processor: cpu %+5.0f (%+.0f per model), wall %+5.0f%n",
          m, wall, range(c, Cost::wall), cpu, range(c, Cost::cpu), cpu - baseCpu, (cpu - baseCpu) / models,
          wall - baseWall);
    }
  }

  /** A fresh javac process; its CPU time (user + system) as GNU time reports it. */
  private static Cost javacProcess(List<String> sources, Mode mode, String processorPath)
      throws IOException, InterruptedException {
    Path out = Files.createTempDirectory("javac-bench");
    Path times = out.resolve("time.txt");
    List<String> command = new ArrayList<>(List.of("/usr/bin/time", "-f", "%U %S", "-o", times.toString(),
        "javac", "-d", out.toString(), "-cp", System.getProperty("java.class.path")));
    if (mode != Mode.WITHOUT) {
      command.addAll(List.of("-processorpath", processorPath, "-processor", ExpertizeProcessor.class.getName()));
    }
    command.addAll(mode.options);
    command.addAll(sources);
    long start = System.nanoTime();
    Process p = new ProcessBuilder(command).inheritIO().start();
    if (p.waitFor() != 0) {
      throw new IllegalStateException("javac failed (" + mode + "); is GNU time installed (/usr/bin/time)?");
    }
    double wall = (System.nanoTime() - start) / 1e6;
    String[] userSystem = Files.readString(times).trim().split("\\s+");
    return new Cost(wall, (Double.parseDouble(userSystem[0]) + Double.parseDouble(userSystem[1])) * 1000);
  }

  /** One in-process compilation; javac runs on this thread. */
  private static Cost inProcess(List<String> sources, Mode mode) throws IOException {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    Path out = Files.createTempDirectory("javac-bench");
    try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, null)) {
      List<String> options = new ArrayList<>(List.of("-d", out.toString()));
      options.addAll(mode.options);
      JavaCompiler.CompilationTask task = javac.getTask(null, files, null, options, null,
          files.getJavaFileObjectsFromFiles(sources.stream().map(File::new).toList()));
      if (mode != Mode.WITHOUT) {
        task.setProcessors(List.of(new ExpertizeProcessor()));
      }
      long wall = System.nanoTime();
      long cpu = THREADS.getCurrentThreadCpuTime();
      if (!task.call()) {
        throw new IllegalStateException("compilation failed (" + mode + ")");
      }
      return new Cost((System.nanoTime() - wall) / 1e6, (THREADS.getCurrentThreadCpuTime() - cpu) / 1e6);
    }
  }

  private static boolean declaresFusionScheme(String file) {
    try {
      return Files.readString(Path.of(file)).contains("@FusionScheme(");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static double median(List<Cost> costs, java.util.function.ToDoubleFunction<Cost> of) {
    double[] s = costs.stream().mapToDouble(of).sorted().toArray();
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }

  private static String range(List<Cost> costs, java.util.function.ToDoubleFunction<Cost> of) {
    double[] s = costs.stream().mapToDouble(of).sorted().toArray();
    return String.format("[%.0f..%.0f]", s[0], s[s.length - 1]);
  }
}
