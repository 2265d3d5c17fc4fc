package io.expertize.train.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * What {@code --force} may remove from a non-empty output directory: only a run directory this tool
 * made (config.yaml or checkpoints/, and nothing but the files a run writes), never one that holds
 * what the new run reads (its data, teacher, upcycling source or config file), never the file
 * system root, home or working directory. Everything else is refused with the reason; what is
 * removed is announced first.
 */
public final class ForceClear {

  /** The top-level names a run writes (RunDirectory, PlotsCallback, TeacherRecord, DirectoryLock). */
  private static final Set<String> RUN_ENTRIES = Set.of("config.yaml", "metrics.jsonl", "summary.json",
      "teacher.json", "checkpoints", "tensorboard", "loss_curves.png", "expert_weights.png", "expert_load.png",
      DirectoryLock.FILE_NAME);
  /** Leftovers of atomic writes ({@link DurableFiles#writeAtomically}) killed half-way. */
  private static final String TEMP_PREFIX = ".tmp-";

  private final boolean force;
  private final Map<String, Path> inputs;
  private final Consumer<String> notices;

  private ForceClear(boolean force, Map<String, Path> inputs, Consumer<String> notices) {
    this.force = force;
    this.inputs = Map.copyOf(inputs);
    this.notices = notices;
  }

  /** A non-empty directory is refused (no {@code --force}). */
  public static ForceClear never() {
    return new ForceClear(false, Map.of(), s -> {});
  }

  /** {@code --force}: an earlier run directory is cleared, announced on standard output. */
  public static ForceClear runDirectory() {
    return new ForceClear(true, Map.of(), System.out::println);
  }

  /** {@code --force} as given, or {@link #never()}. */
  public static ForceClear of(boolean force) {
    return force ? runDirectory() : never();
  }

  /**
   * The same, also refusing a directory that holds {@code path}, which the run reads.
   *
   * @param what how the user named it, e.g. {@code --data} or {@code distill.teacher}
   */
  public ForceClear protecting(String what, Path path) {
    Map<String, Path> more = new LinkedHashMap<>(inputs);
    more.put(what, path.toAbsolutePath().normalize());
    return new ForceClear(force, more, notices);
  }

  /** Where the announcement of what is removed goes. */
  public ForceClear announcingTo(Consumer<String> sink) {
    return new ForceClear(force, inputs, sink);
  }

  /**
   * The entries of {@code root} to remove before a new run starts in it (none if it is empty or
   * missing), announced.
   *
   * @throws RunDirectoryException if {@code root} is not empty and may not be cleared, saying why
   */
  List<Path> entriesToRemove(Path root) {
    List<Path> entries = entries(root);
    if (entries.isEmpty()) {
      return entries;
    }
    if (!force) {
      throw new RunDirectoryException(root, "output directory " + root + " already exists and is"
          + " not empty; choose another --out, pass --resume " + root + " to continue that run,"
          + " or --force to overwrite it");
    }
    Path home = Path.of(System.getProperty("user.home")).toAbsolutePath().normalize();
    Path cwd = Path.of("").toAbsolutePath().normalize();
    if (root.getParent() == null || home.startsWith(root) || cwd.startsWith(root)) {
      throw new RunDirectoryException(root, "refusing to --force clear " + root + ": it is the"
          + " filesystem root, your home or working directory, or contains one of them; choose a"
          + " dedicated --out directory");
    }
    inputs.forEach((what, path) -> {
      if (path.startsWith(root)) {
        throw new RunDirectoryException(root, "refusing to --force clear " + root + ": it holds "
            + what + " " + path + ", which this run reads; choose another --out");
      }
    });
    List<String> foreign = entries.stream().map(p -> p.getFileName().toString())
        .filter(n -> !RUN_ENTRIES.contains(n) && !n.startsWith(TEMP_PREFIX)).sorted().toList();
    boolean madeByARun = Files.isRegularFile(root.resolve("config.yaml"))
        || Files.isDirectory(root.resolve("checkpoints"));
    if (!foreign.isEmpty() || !madeByARun) {
      throw new RunDirectoryException(root, "refusing to --force clear " + root + ": it is not a run"
          + " directory written by expertize train"
          + (foreign.isEmpty() ? " (no config.yaml or checkpoints/)" : "; it holds " + describe(foreign)
              + ", which a run does not write")
          + ". --force clears only an earlier run's directory; choose another --out");
    }
    notices.accept("--force: removing the earlier run in " + root + ": " + String.join(", ",
        entries.stream().map(p -> p.getFileName() + (Files.isDirectory(p) ? "/" : "")).sorted().toList()));
    return entries;
  }

  private static String describe(List<String> names) {
    return names.size() <= 5 ? String.join(", ", names)
        : String.join(", ", names.subList(0, 5)) + " and " + (names.size() - 5) + " more";
  }

  /** The entries of {@code dir} except the lock file; none if it does not exist. */
  private static List<Path> entries(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> list = Files.list(dir)) {
      return new ArrayList<>(list.filter(p -> !p.getFileName().toString().equals(DirectoryLock.FILE_NAME))
          .toList());
    } catch (IOException e) {
      throw new RunDirectoryException(dir, "cannot read output directory " + dir + ": "
          + IoReasons.of(e), e);
    }
  }
}
