package io.expertize.train.io;

/** Child process of {@link DirectoryLockTest}: locks a directory, says so, and holds it until killed. */
public final class DirectoryLockChild {
  static final String LOCKED = "LOCKED";

  private DirectoryLockChild() {}

  public static void main(String[] args) throws InterruptedException {
    try (DirectoryLock lock = DirectoryLock.acquire(java.nio.file.Path.of(args[0]), "testing")) {
      System.out.println(LOCKED);
      System.out.flush();
      Thread.sleep(120_000);
    }
  }
}
