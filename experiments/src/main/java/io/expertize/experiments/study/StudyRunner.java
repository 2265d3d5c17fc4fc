package io.expertize.experiments.study;

import io.expertize.config.ConfigException;
import io.expertize.train.io.DurableFiles;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * Runs the cells of a study, each in a child JVM as {@code expertize train} would, K at a time. Skips
 * finished cells, resumes interrupted ones from their checkpoint, records failed ones and goes on. Holds
 * the study directory's lock; stopped (SIGINT, SIGTERM) it stops its children, whose cells resume next
 * time; killed outright, its children stop themselves ({@link CellMain}) and the next runner ends any
 * that are left.
 */
public final class StudyRunner {
  /** How a study is run. */
  public record Options(int parallel, boolean retryFailed, int cores) {
    public Options {
      if (parallel < 1) {
        throw new ConfigException("--parallel must be at least 1, got " + parallel);
      }
    }

    /** One cell at a time on all of this machine's cores; failed cells are not retried. */
    public static Options defaults() {
      return new Options(1, false, Runtime.getRuntime().availableProcessors());
    }

    public Options withParallel(int k) {
      return new Options(k, retryFailed, cores);
    }

    public Options withRetryFailed(boolean retry) {
      return new Options(parallel, retry, cores);
    }

    /** Each child's share of the cores, used for both of TF's thread pools. */
    int threadsPerCell() {
      return Math.max(1, cores / parallel);
    }
  }

  static final String STUDY_COPY = "study.yaml";
  private static final Duration STOP_GRACE = Duration.ofSeconds(30);
  // a reproduce line's run directory and its config file's directory, plain or shell-quoted
  private static final Pattern OUT = Pattern.compile(" --out ('[^']*'|\\S+)$");
  private static final Pattern CONFIG_DIRECTORY = Pattern.compile(" --config '?[^' ]*/");

  private final StudyPlan plan;
  private final Path dir;
  private final Options options;
  private final PrintStream out;
  private final Set<Process> children = ConcurrentHashMap.newKeySet();
  private volatile boolean stopping;

  public StudyRunner(StudyPlan plan, Path dir, Options options, PrintStream out) {
    this.plan = plan;
    this.dir = dir.toAbsolutePath().normalize();
    this.options = options;
    this.out = out;
  }

  /** Runs what is left of the study; true when every cell is done (none failed). */
  public boolean run(boolean terminal) {
    createDirectory();
    StudyLock lock = StudyLock.acquire(dir);
    ExecutorService pool = Executors.newFixedThreadPool(options.parallel());
    Thread onSignal = new Thread(() -> stop(pool), "study-stop");
    Runtime.getRuntime().addShutdownHook(onSignal);
    try {
      StudyState state = StudyState.read(dir).orElseGet(() -> StudyState.empty(dir, plan.study().name()));
      if (!state.study().equals(plan.study().name())) {
        throw new ConfigException("study directory " + dir + " holds study '" + state.study() + "', not '"
            + plan.study().name() + "'; choose another --out");
      }
      endLeftoverChildren(state);
      state.replaceAll(reconcile(state));
      copyStudyFile();
      List<Cell> todo = plan.cells().stream().filter(c -> runnable(state.get(c.id()).orElseThrow())).toList();
      Map<String, CellRecord> records = state.cells();
      int done = (int) records.values().stream().filter(r -> r.status() == CellStatus.DONE).count();
      int failed = (int) records.values().stream().filter(r -> r.status() == CellStatus.FAILED).count()
          - (int) todo.stream().filter(c -> records.get(c.id()).status() == CellStatus.FAILED).count();
      List<Double> measured = records.values().stream()
          .filter(r -> r.status() == CellStatus.DONE && r.seconds() > 0).map(CellRecord::seconds).toList();
      BuildInfo build = BuildInfo.current();
      out.printf("study %s: %d cells, %d to run, %d at a time with %d TF threads each; build %s%s; in %s%n",
          plan.study().name(), records.size(), todo.size(), options.parallel(), options.threadsPerCell(),
          build.commit(), build.dirty() ? " (dirty tree)" : "", dir);
      try (StudyProgress progress = new StudyProgress(out, terminal, plan.study().name(), records.size(),
          options.parallel(), done, failed, measured)) {
        List<Future<?>> futures = new ArrayList<>();
        for (Cell cell : todo) {
          futures.add(pool.submit(() -> runCell(cell, state, build, progress)));
        }
        for (Future<?> f : futures) {
          try {
            f.get();
          } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
      pool.shutdown();
      Map<String, CellRecord> end = state.cells();
      List<String> failures = end.entrySet().stream().filter(e -> e.getValue().status() == CellStatus.FAILED)
          .map(e -> "  " + e.getKey() + ": " + e.getValue().error()).toList();
      out.printf("study %s: %d of %d cells done%s%n", plan.study().name(),
          end.values().stream().filter(r -> r.status() == CellStatus.DONE).count(), end.size(),
          failures.isEmpty() ? "" : ", " + failures.size() + " failed:\n" + String.join("\n", failures));
      return failures.isEmpty();
    } finally {
      if (!stopping) {
        Runtime.getRuntime().removeShutdownHook(onSignal);
        pool.shutdownNow();
        lock.close();
      }
    }
  }

  /** One record per planned cell (plan order; cells an earlier plan had stay, after them). */
  private Map<String, CellRecord> reconcile(StudyState state) {
    Map<String, CellRecord> next = new LinkedHashMap<>();
    List<String> changed = new ArrayList<>();
    for (Cell cell : plan.cells()) {
      Path run = runDir(cell);
      String command = CellCommand.of(cell, run, options.threadsPerCell(), false, false).reproduce();
      CellRecord known = state.get(cell.id()).orElse(null);
      if (known != null && known.status() != CellStatus.PENDING && !sameCell(known.command(), command)) {
        changed.add(cell.id());
      }
      CellRecord record = known == null || known.status() == CellStatus.PENDING ? CellRecord.pending(cell, run.toString(), command) : known.of(cell);
      if (record.status() == CellStatus.RUNNING) {
        record = record.finished(CellStatus.PENDING, 0, null, null);
      }
      if (record.status() != CellStatus.DONE && CellRun.summary(run).isPresent()) {
        record = record.done();
      }
      next.put(cell.id(), record);
    }
    if (!changed.isEmpty()) {
      throw new ConfigException("study " + plan.studyFile() + ": these cells were run in " + dir
          + " with other settings than the study file now gives them: " + String.join(", ", changed)
          + "; change them back, or run the changed study into another --out");
    }
    state.cells().forEach(next::putIfAbsent);
    return next;
  }

  /**
   * The same cell configuration, whatever thread counts it ran with and wherever the study and the
   * checkout lay: the run directory follows the study, and the config file is compared by name (the
   * recorded commit says which version of it).
   */
  static boolean sameCell(String recorded, String planned) {
    return recorded != null && placeFree(recorded).equals(placeFree(planned));
  }

  private static String placeFree(String command) {
    String line = command.substring(command.indexOf(" ./expertize "));
    line = OUT.matcher(line).replaceFirst("");
    return CONFIG_DIRECTORY.matcher(line).replaceFirst(" --config ");
  }


  private boolean runnable(CellRecord record) {
    return record.status() == CellStatus.PENDING || (record.status() == CellStatus.FAILED && options.retryFailed());
  }

  private void runCell(Cell cell, StudyState state, BuildInfo build, StudyProgress progress) {
    if (stopping) {
      return;
    }
    Path run = runDir(cell);
    boolean resume = CellRun.hasCheckpoint(run);
    CellCommand command = CellCommand.of(cell, run, options.threadsPerCell(), resume, CellRun.started(run));
    Path log = dir.resolve("logs").resolve(cell.id() + ".log");
    long start = System.nanoTime();
    Process child;
    synchronized (children) {
      if (stopping) {
        return;
      }
      child = ChildJvm.start(command, log);
      children.add(child);
    }
    state.update(cell.id(), r -> r.running(child.toHandle(), command.reproduce(), command.threads(), build));
    progress.started(cell.id());
    int exit;
    try {
      exit = child.waitFor();
    } catch (InterruptedException e) {
      child.destroyForcibly();
      Thread.currentThread().interrupt();
      return;
    } finally {
      children.remove(child);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    CellStatus status;
    if (stopping && exit != 0) {
      status = CellStatus.PENDING;
      state.update(cell.id(), r -> r.finished(CellStatus.PENDING, seconds, null, null));
    } else if (exit == 0 && CellRun.summary(run).isPresent()) {
      status = CellStatus.DONE;
      state.update(cell.id(), r -> r.finished(CellStatus.DONE, seconds, 0, null));
      out.printf("cell %s done in %s: test top-1 %.2f%%%n", cell.id(), StudyProgress.clock(Math.round(seconds)),
          100 * CellRun.summary(run).orElseThrow().evalTop1());
    } else {
      status = CellStatus.FAILED;
      String error = exit == 0 ? "exited 0 without a complete summary.json" : ChildJvm.error(log);
      state.update(cell.id(), r -> r.finished(CellStatus.FAILED, seconds, exit, error));
      out.printf("cell %s FAILED (exit %d): %s; log %s%n", cell.id(), exit, error, log);
    }
    progress.finished(cell.id(), status, seconds);
  }

  /** SIGINT / SIGTERM: stop the children (their cells resume next time), let the workers record it, unlock. */
  private void stop(ExecutorService pool) {
    synchronized (children) {
      stopping = true;
    }
    out.println("\nstudy " + plan.study().name() + ": stopping " + children.size()
        + " running cell(s); `expertize study run` again resumes them from their checkpoints");
    children.forEach(Process::destroy);
    Instant deadline = Instant.now().plus(STOP_GRACE);
    for (Process child : children) {
      try {
        child.onExit().get(Math.max(1, Duration.between(Instant.now(), deadline).toMillis()), TimeUnit.MILLISECONDS);
      } catch (TimeoutException | ExecutionException e) {
        child.destroyForcibly();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    pool.shutdown();
    try {
      pool.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Children a killed runner left (its watch should have stopped them): ended before their cells run again. */
  private void endLeftoverChildren(StudyState state) {
    state.cells().forEach((id, r) -> {
      if (r.status() == CellStatus.RUNNING && r.pid() != null) {
        ProcessHandle.of(r.pid())
            .filter(h -> h.info().startInstant().map(Object::toString).orElse("").equals(r.pidStart()))
            .ifPresent(h -> {
              out.println("study: ending cell " + id + "'s child (pid " + h.pid() + ") left by an earlier runner");
              h.destroyForcibly();
              h.onExit().join();
            });
      }
    });
  }

  private Path runDir(Cell cell) {
    return CellRun.directory(dir, cell.id());
  }

  private void createDirectory() {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the study directory " + dir, e);
    }
  }

  /** The study file beside its cells, for {@code status} and {@code report}. */
  private void copyStudyFile() {
    try {
      DurableFiles.writeAtomically(dir.resolve(STUDY_COPY), Files.readAllBytes(plan.studyFile()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy " + plan.studyFile() + " into " + dir, e);
    }
  }
}
