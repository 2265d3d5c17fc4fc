package io.expertize.experiments.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.expertize.nn.ImageClassifier;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.tensorflow.proto.ConfigProto;

/**
 * Measures the memory of one configuration's training step in a JVM of its own: TensorFlow's CPU
 * allocator is one per process and pools what it frees, and a process's peak resident set only
 * grows, so configurations measured side by side in one process would see each other. The parent
 * ({@link #measure}) starts this class's {@link #main} with the same class path and reads one line
 * back; the child builds the model from the registry, runs warm-up steps, then traced steps
 * ({@link StepMemory}).
 */
public final class StepMemoryProbe {
  /** Marks the child's result line on its standard output. */
  static final String MARKER = "expertize-step-memory ";
  private static final int STDERR_TAIL = 30;

  private StepMemoryProbe() {}

  /** What the parent asks of a child. */
  public record Request(ModelSpec model, ExpertConfig config, int batch, int warmup, int tracedSteps,
      SessionThreads threads) {
    List<String> toArgs() {
      List<String> args = new ArrayList<>(model.toArgs());
      args.add("config=" + config.label());
      args.add("batch=" + batch);
      args.add("warmup=" + warmup);
      args.add("tracedSteps=" + tracedSteps);
      args.add("intraOp=" + threads.intraOp());
      args.add("interOp=" + threads.interOp());
      return args;
    }

    static Request parse(Map<String, String> a) {
      return new Request(ModelSpec.parse(a), ExpertConfig.parse(a.get("config")), Integer.parseInt(a.get("batch")),
          Integer.parseInt(a.get("warmup")), Integer.parseInt(a.get("tracedSteps")),
          new SessionThreads(Integer.parseInt(a.get("intraOp")), Integer.parseInt(a.get("interOp"))));
    }
  }

  /** Runs {@code request} in a child JVM (same java, same class path) and returns what it measured. */
  public static StepMemory measure(Request request, long timeoutSeconds) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx" + Math.max(1024, Runtime.getRuntime().maxMemory() >> 20) + "m");
    cmd.add("-XX:+UseSerialGC");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(StepMemoryProbe.class.getName());
    cmd.addAll(request.toArgs());
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().putIfAbsent("TF_CPP_MIN_LOG_LEVEL", "2");
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the memory probe JVM (" + cmd.get(0) + ")", e);
    }
    Deque<String> stderr = new ArrayDeque<>();
    Thread drain = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = r.readLine()) != null; ) {
          synchronized (stderr) {
            stderr.addLast(line);
            if (stderr.size() > STDERR_TAIL) {
              stderr.removeFirst();
            }
          }
        }
      } catch (IOException ignored) {
        // the child is gone; what was read is reported below
      }
    }, "memory-probe-stderr");
    drain.setDaemon(true);
    drain.start();
    String result = null;
    try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = out.readLine()) != null; ) {
        if (line.startsWith(MARKER)) {
          result = line.substring(MARKER.length());
        }
      }
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException("memory probe of " + request.config().label() + " did not finish in "
            + timeoutSeconds + " s");
      }
      drain.join(1000);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while measuring " + request.config().label(), e);
    }
    if (p.exitValue() != 0 || result == null) {
      String tail;
      synchronized (stderr) {
        tail = String.join("\n", stderr);
      }
      throw new IllegalStateException("memory probe of " + request.config().label() + " failed (exit "
          + p.exitValue() + "); its last lines:\n" + tail);
    }
    try {
      return new ObjectMapper().readValue(result, StepMemory.class);
    } catch (IOException e) {
      throw new IllegalStateException("memory probe of " + request.config().label() + " wrote an unreadable result: "
          + result, e);
    }
  }

  /** The child: {@code key=value} arguments of a {@link Request}; prints one {@link #MARKER} line. */
  public static void main(String[] args) {
    try {
      run(Request.parse(ModelSpec.keyValues(args)));
    } catch (Throwable t) {
      t.printStackTrace();
      System.exit(1);
    }
    System.exit(0);
  }

  private static void run(Request req) throws IOException {
    ImageClassifier model = req.model().create();
    ConfigProto session = req.threads().config();
    try (BenchInputs inputs = new BenchInputs(model, req.batch(), 1)) {
      long baseline = procStatus("VmRSS");
      try (StepBench bench = new StepBench(model, req.config().plan(model), inputs, session)) {
        for (int i = 0; i < req.warmup(); i++) {
          bench.timeTrainStep();
        }
        long peak = 0;
        for (int i = 0; i < req.tracedSteps(); i++) {
          peak = Math.max(peak, StepMemory.allocatorPeak(bench.tracedTrainStep().getStepStats()));
        }
        StepMemory m = new StepMemory(bench.trainingParameterCount(), bench.variableBytes(), peak, baseline,
            procStatus("VmHWM"));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("trainingParameters", m.trainingParameters());
        json.put("variableBytes", m.variableBytes());
        json.put("tensorPeakBytes", m.tensorPeakBytes());
        json.put("processBaselineBytes", m.processBaselineBytes());
        json.put("processPeakBytes", m.processPeakBytes());
        System.out.println(MARKER + new ObjectMapper().writeValueAsString(json));
      }
    }
  }

  /** A {@code kB} line of /proc/self/status, in bytes (Linux only; -1 elsewhere). */
  static long procStatus(String key) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith(key + ":")) {
          return 1024 * Long.parseLong(line.substring(key.length() + 1).replace("kB", "").trim());
        }
      }
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
    return -1;
  }
}
