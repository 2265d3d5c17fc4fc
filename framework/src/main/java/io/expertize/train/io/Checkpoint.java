package io.expertize.train.io;

import java.nio.file.Path;

/**
 * A complete checkpoint on disk.
 *
 * @param step global step, also encoded in the directory name {@code ckpt-000001234}
 * @param path the checkpoint directory
 * @param meta its {@code meta.json}
 */
public record Checkpoint(long step, Path path, CheckpointMeta meta) {

  /** File name prefix of the variables inside a checkpoint directory. */
  static final String VARIABLES = "variables";

  /** The prefix {@code Session.save/restore} use: {@code <path>/variables}. */
  public Path variablesPrefix() {
    return path.resolve(VARIABLES);
  }
}
