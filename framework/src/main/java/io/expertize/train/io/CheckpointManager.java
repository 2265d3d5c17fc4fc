package io.expertize.train.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.tensorflow.Session;
import org.tensorflow.exceptions.TensorFlowException;

/**
 * Saves and restores a Session's variables (TF's built-in saver, so {@code VariableV2} only) as
 * {@code ckpt-000001234/} directories under a checkpoints directory, keeping the newest K.
 *
 * <p>A save is atomic: everything is written and fsynced in a {@code .tmp-ckpt-*} sibling,
 * {@code meta.json} last, and only then renamed to its final name. A crash at any point leaves
 * the previous checkpoints intact and at worst a temp directory, which {@link #latest()} removes.
 */
public final class CheckpointManager {

  static final String META = "meta.json";
  static final String TEMP_PREFIX = ".tmp-ckpt-";
  private static final Pattern NAME = Pattern.compile("ckpt-(\\d+)");
  /** {@code .tmp-ckpt-<step>-<pid>-<nonce>}: the pid tells whether the writer is still alive. */
  private static final Pattern TEMP_NAME =
      Pattern.compile(Pattern.quote(TEMP_PREFIX) + "[^-]+-(\\d+)-.*");

  /** Temp dirs being written by this JVM, so a concurrent scan here never deletes them. */
  private static final Set<Path> IN_PROGRESS = ConcurrentHashMap.newKeySet();

  private final Path dir;
  private final int keep;
  private final Consumer<Path> beforeCommit;

  /**
   * @param dir the checkpoints directory, e.g. {@code RUN/checkpoints} (created on first save)
   * @param keep how many of the newest checkpoints to keep, at least 1
   */
  public CheckpointManager(Path dir, int keep) {
    this(dir, keep, tmp -> {});
  }

  /** For crash tests: {@code beforeCommit} runs with the complete temp dir just before rename. */
  CheckpointManager(Path dir, int keep, Consumer<Path> beforeCommit) {
    if (keep < 1) {
      throw new IllegalArgumentException("keep must be at least 1, got " + keep);
    }
    this.dir = dir.toAbsolutePath();
    this.keep = keep;
    this.beforeCommit = beforeCommit;
  }

  /** The checkpoints directory. */
  public Path directory() {
    return dir;
  }

  /** Saves without extra state; see {@link #save(Session, long, long, Object)}. */
  public Checkpoint save(Session session, long step, long epoch) {
    return save(session, step, epoch, null);
  }

  /**
   * Saves the session's variables as checkpoint {@code step}, replacing one of the same step, and
   * then deletes the oldest beyond {@code keep}.
   *
   * @param extra Java-side state stored in {@code meta.json} under {@code extra} (any value
   *     Jackson can serialize, e.g. a map or a record), or {@code null}
   */
  public synchronized Checkpoint save(Session session, long step, long epoch, Object extra) {
    if (step < 0) {
      throw new IllegalArgumentException("step must be >= 0, got " + step);
    }
    Path target = dir.resolve(name(step));
    Path tmp = dir.resolve(tempName(Long.toString(step)));
    IN_PROGRESS.add(tmp);
    try {
      Files.createDirectories(tmp);
      session.save(tmp.resolve(Checkpoint.VARIABLES).toString());
      double now = System.currentTimeMillis() / 1000.0;
      CheckpointMeta meta =
          new CheckpointMeta(step, epoch, now, CheckpointManifest.of(tmp), Json.MAPPER.valueToTree(extra));
      // Last file in: its presence is what makes the directory a complete checkpoint.
      Files.write(
          tmp.resolve(META),
          Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(meta.toJson()));
      DurableFiles.fsyncFilesIn(tmp);
      beforeCommit.accept(tmp);
      commit(tmp, target);
      prune();
      return new Checkpoint(step, target, meta);
    } catch (IOException e) {
      throw new CheckpointException(target, "cannot write: " + e.getMessage(), e);
    } catch (TensorFlowException e) {
      throw new CheckpointException(target, "TensorFlow failed to save the variables: "
          + e.getMessage(), e);
    } finally {
      deleteQuietly(tmp);
      IN_PROGRESS.remove(tmp);
    }
  }

  /**
   * The newest complete checkpoint, if any. Leftovers of crashed saves are deleted; directories
   * without {@code meta.json} are skipped as incomplete.
   *
   * @throws CheckpointException if the newest candidate has an unreadable {@code meta.json}:
   *     falling back silently would lose training progress unnoticed
   */
  public synchronized Optional<Checkpoint> latest() {
    cleanStaleTemps();
    List<Path> candidates = finalDirs();
    for (int i = candidates.size() - 1; i >= 0; i--) {
      if (Files.isRegularFile(candidates.get(i).resolve(META))) {
        return Optional.of(load(candidates.get(i)));
      }
    }
    return Optional.empty();
  }

  /**
   * The newest intact checkpoint, if any: each newer one that is damaged (a file missing,
   * truncated or altered, meta.json unreadable or missing) is reported to {@code warnings}, naming
   * it, what is wrong and which checkpoint is used instead. Nothing is deleted: a damaged
   * checkpoint stays for the user to look at until a save of the same step replaces it.
   */
  public synchronized Optional<Checkpoint> latestIntact(Consumer<String> warnings) {
    cleanStaleTemps();
    List<Path> candidates = finalDirs();
    List<String> damaged = new ArrayList<>();
    for (int i = candidates.size() - 1; i >= 0; i--) {
      try {
        Checkpoint c = load(candidates.get(i));
        damaged.forEach(d -> warnings.accept("warning: " + d + "; using the newest intact one, " + c.path()));
        return Optional.of(c);
      } catch (CheckpointException e) {
        damaged.add(e.getMessage());
      }
    }
    damaged.forEach(d -> warnings.accept("warning: " + d + "; no intact checkpoint is older"));
    return Optional.empty();
  }

  /** All intact checkpoints, oldest first; damaged ones are left out ({@link #damaged()}). */
  public synchronized List<Checkpoint> list() {
    List<Checkpoint> all = new ArrayList<>();
    for (Path p : finalDirs()) {
      try {
        all.add(load(p));
      } catch (CheckpointException e) {
        // listed by damaged()
      }
    }
    return all;
  }

  /** Each damaged checkpoint directory with what is wrong with it, oldest first. */
  public synchronized Map<Path, String> damaged() {
    Map<Path, String> damaged = new LinkedHashMap<>();
    for (Path p : finalDirs()) {
      try {
        load(p);
      } catch (CheckpointException e) {
        damaged.put(p, e.problem());
      }
    }
    return damaged;
  }

  /**
   * Reads one checkpoint directory, checking its {@code meta.json} and that every variables
   * file it lists is present with the recorded size.
   */
  public static Checkpoint load(Path checkpointDir) {
    Path path = checkpointDir.toAbsolutePath();
    Matcher m = NAME.matcher(path.getFileName().toString());
    if (!m.matches()) {
      throw new CheckpointException(path, "not a checkpoint directory name (expected ckpt-<step>)");
    }
    if (!Files.isDirectory(path)) {
      throw new CheckpointException(path, "does not exist");
    }
    Path metaFile = path.resolve(META);
    if (!Files.isRegularFile(metaFile)) {
      throw new CheckpointException(path, "has no " + META + " (incomplete checkpoint)");
    }
    CheckpointMeta meta;
    try {
      JsonNode node = Json.MAPPER.readTree(metaFile.toFile());
      meta = CheckpointMeta.fromJson(node == null ? Json.MAPPER.missingNode() : node);
    } catch (JsonProcessingException e) {
      throw new CheckpointException(
          path, META + " is not valid JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new CheckpointException(path, "cannot read " + META + ": " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new CheckpointException(path, META + " " + e.getMessage(), e);
    }
    long step = Long.parseLong(m.group(1));
    if (meta.step() != step) {
      throw new CheckpointException(
          path, META + " says step " + meta.step() + " but the directory name says " + step);
    }
    meta.manifest().problem(path).ifPresent(problem -> {
      throw new CheckpointException(path, problem);
    });
    return new Checkpoint(step, path, meta);
  }

  /**
   * The checkpoint {@code path} names: a checkpoint directory ({@code ckpt-<step>}), or the newest
   * complete checkpoint of a run directory or of a checkpoints directory.
   *
   * A damaged newest checkpoint is reported to {@code warnings} and the newest intact one is
   * used; a damaged checkpoint named directly is refused, naming the one to use instead.
   *
   * @throws CheckpointException saying what {@code path} is and what would be valid
   */
  public static Checkpoint find(Path path, Consumer<String> warnings) {
    Path p = path.toAbsolutePath().normalize();
    if (!Files.exists(p)) {
      throw new CheckpointException(p, "does not exist");
    }
    String valid = "expected a checkpoint directory (ckpt-<step> with " + META
        + "), or a run directory whose checkpoints/ holds one";
    if (!Files.isDirectory(p)) {
      throw new CheckpointException(p, "is a file; " + valid);
    }
    if (NAME.matcher(p.getFileName().toString()).matches()) {
      return loadOrNameAnother(p);
    }
    Path checkpoints = p.resolve("checkpoints"); // RunDirectory#checkpointsDir
    Path dir = Files.isDirectory(checkpoints) ? checkpoints : p;
    return new CheckpointManager(dir, 1).latestIntact(warnings).orElseThrow(() -> new CheckpointException(p,
        "holds no intact checkpoint; " + valid));
  }

  /** {@link #find(Path, Consumer)} warning on standard error. */
  public static Checkpoint find(Path path) {
    return find(path, System.err::println);
  }

  /**
   * {@link #load}, and if the checkpoint is damaged, a refusal that names the newest intact
   * checkpoint before it, to pass instead.
   */
  public static Checkpoint loadOrNameAnother(Path checkpointDir) {
    try {
      return load(checkpointDir);
    } catch (CheckpointException e) {
      Path dir = checkpointDir.toAbsolutePath().normalize();
      long step = stepOf(dir);
      Optional<Checkpoint> before = Optional.empty();
      if (step >= 0 && dir.getParent() != null) {
        List<Checkpoint> older = new CheckpointManager(dir.getParent(), 1).list().stream()
            .filter(c -> c.step() < step).toList();
        before = older.isEmpty() ? Optional.empty() : Optional.of(older.get(older.size() - 1));
      }
      throw new CheckpointException(dir, e.problem() + before.map(c -> "; the newest intact checkpoint before it is "
          + c.path() + ": pass --checkpoint " + c.path() + " to use it").orElse("; no intact checkpoint is older"),
          e);
    }
  }

  /**
   * Restores the checkpoint's variables into {@code session}, whose graph must hold the same
   * {@code VariableV2} names and shapes. The session's initializers count as run afterwards.
   */
  public void restore(Session session, Checkpoint checkpoint) {
    Checkpoint checked = load(checkpoint.path()); // files may have changed since it was listed
    try {
      session.restore(checked.variablesPrefix().toString());
    } catch (TensorFlowException e) {
      throw new CheckpointException(
          checked.path(), "TensorFlow could not restore the variables: " + e.getMessage(), e);
    }
  }

  private static String tempName(String what) {
    return TEMP_PREFIX + what + "-" + ProcessHandle.current().pid() + "-" + UUID.randomUUID();
  }

  static String name(long step) {
    return String.format("ckpt-%09d", step);
  }

  private void commit(Path tmp, Path target) throws IOException {
    Path replaced = null;
    if (Files.exists(target)) {
      // Same step saved again (e.g. after a resume): move the old one aside as a temp dir, so a
      // crash from here on leaves only garbage that the next scan removes.
      replaced = dir.resolve(tempName("replaced"));
      Files.move(target, replaced, StandardCopyOption.ATOMIC_MOVE);
    }
    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
    DurableFiles.fsyncDirectory(dir);
    if (replaced != null) {
      deleteQuietly(replaced);
    }
  }

  /**
   * Deletes the oldest checkpoints beyond {@code keep}; runs only after a new one is in place.
   * Best effort: one that cannot be removed now is retried after the next save.
   */
  private void prune() {
    List<Path> dirs = finalDirs();
    for (int i = 0; i < dirs.size() - keep; i++) {
      // Rename first so a half-deleted checkpoint never keeps a valid-looking name.
      Path doomed = dir.resolve(tempName("deleted"));
      try {
        Files.move(dirs.get(i), doomed, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        continue;
      }
      deleteQuietly(doomed);
    }
  }

  /** Final-named checkpoint directories, ordered by step. */
  private List<Path> finalDirs() {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(dir)) {
      return entries
          .filter(p -> NAME.matcher(p.getFileName().toString()).matches())
          .filter(Files::isDirectory)
          .sorted(Comparator.comparingLong(CheckpointManager::stepOf))
          .toList();
    } catch (IOException e) {
      throw new CheckpointException(dir, "cannot list checkpoints: " + e.getMessage(), e);
    }
  }

  /** Deletes temp dirs whose writing process is gone (crashed or killed mid-save). */
  private void cleanStaleTemps() {
    if (!Files.isDirectory(dir)) {
      return;
    }
    List<Path> stale = new ArrayList<>();
    try (Stream<Path> entries = Files.list(dir)) {
      entries
          .filter(p -> p.getFileName().toString().startsWith(TEMP_PREFIX))
          .filter(p -> !IN_PROGRESS.contains(p))
          .filter(CheckpointManager::writerIsGone)
          .forEach(stale::add);
    } catch (IOException e) {
      throw new CheckpointException(dir, "cannot list checkpoints: " + e.getMessage(), e);
    }
    stale.forEach(CheckpointManager::deleteQuietly);
  }

  private static boolean writerIsGone(Path temp) {
    Matcher m = TEMP_NAME.matcher(temp.getFileName().toString());
    if (!m.matches()) {
      return true; // not ours to understand: a leftover all the same
    }
    long pid = Long.parseLong(m.group(1));
    return pid == ProcessHandle.current().pid()
        || ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
  }

  private static long stepOf(Path p) {
    Matcher m = NAME.matcher(p.getFileName().toString());
    return m.matches() ? Long.parseLong(m.group(1)) : -1;
  }

  private static void deleteQuietly(Path path) {
    try {
      DurableFiles.deleteRecursively(path);
    } catch (IOException e) {
      // a leftover temp dir is harmless: the next latest() retries
    }
  }
}
