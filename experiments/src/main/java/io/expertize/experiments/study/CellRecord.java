package io.expertize.experiments.study;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * What the study knows of one cell (an entry of {@code state.json}): its status, the command that
 * reproduces it, the thread pools it ran with (results are deterministic only for the same counts),
 * the build and processor that ran it, and its last error.
 *
 * @param cpu the processor's model name: figures repeat for the same build and seed only on the same kind
 * @param pid the child JVM while it runs, with {@code pidStart} (its start time, to tell it from a reused pid)
 * @param seconds wall time of all its attempts
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CellRecord(
    @JsonProperty("status") CellStatus status,
    @JsonProperty("arm") String arm,
    @JsonProperty("axes") Map<String, String> axes,
    @JsonProperty("seed") long seed,
    @JsonProperty("run") String run,
    @JsonProperty("command") String command,
    @JsonProperty("intra_op_threads") int intraOpThreads,
    @JsonProperty("inter_op_threads") int interOpThreads,
    @JsonProperty("commit") String commit,
    @JsonProperty("dirty") boolean dirty,
    @JsonProperty("cpu") String cpu,
    @JsonProperty("attempts") int attempts,
    @JsonProperty("seconds") double seconds,
    @JsonProperty("pid") Long pid,
    @JsonProperty("pid_start") String pidStart,
    @JsonProperty("exit_code") Integer exitCode,
    @JsonProperty("error") String error) {

  static CellRecord pending(Cell cell, String run, String command) {
    return new CellRecord(CellStatus.PENDING, cell.arm(), cell.axes(), cell.seed(), run, command, 0, 0, null, false, null, 0, 0, null, null, null, null);
  }

  /** This record naming {@code cell}'s arm, axes and seed (state files of early runners lack them). */
  public CellRecord of(Cell cell) {
    return new CellRecord(status, cell.arm(), cell.axes(), cell.seed(), run, command, intraOpThreads, interOpThreads, commit,
        dirty, cpu, attempts, seconds, pid, pidStart, exitCode, error);
  }

  /** A new attempt by {@code child} with {@code threads} in both TF pools and this build. */
  CellRecord running(ProcessHandle child, String command, int threads, BuildInfo build) {
    return new CellRecord(CellStatus.RUNNING, arm, axes, seed, run, command, threads, threads, build.commit(),
        build.dirty(), build.cpu(), attempts + 1, seconds, child.pid(), child.info().startInstant().map(Object::toString).orElse(null),
        null, null);
  }

  CellRecord finished(CellStatus status, double attemptSeconds, Integer exitCode, String error) {
    return new CellRecord(status, arm, axes, seed, run, command, intraOpThreads, interOpThreads, commit, dirty, cpu,
        attempts, seconds + attemptSeconds, null, null, exitCode, error);
  }

  /** A cell found finished on disk (its summary.json) without a record of it. */
  CellRecord done() {
    return new CellRecord(CellStatus.DONE, arm, axes, seed, run, command, intraOpThreads, interOpThreads, commit, dirty, cpu,
        attempts, seconds, null, null, exitCode, null);
  }
}
