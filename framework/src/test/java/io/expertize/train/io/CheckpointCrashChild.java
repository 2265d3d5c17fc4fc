package io.expertize.train.io;

import java.nio.file.Path;

/**
 * Child JVM of {@link CheckpointCrashTest}: saves checkpoint 1, then starts checkpoint 2 and
 * blocks just before the final rename, announcing it on stdout so the parent kills it there.
 */
public final class CheckpointCrashChild {

  static final String PAUSED = "PAUSED-BEFORE-COMMIT ";

  private CheckpointCrashChild() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    try (TinyModel model = new TinyModel(CheckpointManagerTest.A)) {
      new CheckpointManager(dir, 3).save(model.session(), 1, 0);
      model.assign(CheckpointManagerTest.B);
      CheckpointManager paused =
          new CheckpointManager(
              dir,
              3,
              tmp -> {
                System.out.println(PAUSED + tmp);
                System.out.flush();
                sleepForever();
              });
      paused.save(model.session(), 2, 0);
    }
    System.exit(3); // only reached if the parent failed to kill us
  }

  private static void sleepForever() {
    try {
      Thread.sleep(Long.MAX_VALUE);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
