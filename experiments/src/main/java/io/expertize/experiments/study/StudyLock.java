package io.expertize.experiments.study;

import io.expertize.config.ConfigException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Optional;

/**
 * The one runner of a study directory: an OS lock on {@code study.lock} (released by the OS when the
 * runner dies, however it dies) and, in the file, who holds it (pid, host, start time) for the message
 * a second runner gets. A file left by a dead runner is stale: the next runner takes it over.
 */
public final class StudyLock implements AutoCloseable {
  static final String FILE = "study.lock";

  private final FileChannel channel;
  private final FileLock lock;

  private StudyLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /** Takes the lock of {@code dir} or fails naming the runner that holds it. */
  public static StudyLock acquire(Path dir) {
    Path file = dir.resolve(FILE);
    try {
      FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
          StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null;
      }
      if (lock == null) {
        channel.close();
        throw new ConfigException("study directory " + dir + " is in use by another runner ("
            + holder(dir).orElse("holder unknown") + "); wait for it to finish or stop it first");
      }
      String previous = read(channel);
      if (!previous.isBlank()) {
        System.err.println("study: taking over the stale lock of a runner that is gone (" + previous.strip() + ")");
      }
      byte[] me = ("pid " + ProcessHandle.current().pid() + " on " + host() + " since " + Instant.now() + "\n")
          .getBytes(StandardCharsets.UTF_8);
      channel.truncate(0);
      channel.write(ByteBuffer.wrap(me), 0);
      channel.force(true);
      return new StudyLock(channel, lock);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot lock " + file, e);
    }
  }

  /** Who holds (or last held) the lock of {@code dir}, as its file says. */
  public static Optional<String> holder(Path dir) {
    try {
      String text = Files.readString(dir.resolve(FILE)).strip();
      return text.isEmpty() ? Optional.empty() : Optional.of(text);
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** Whether a live runner holds the lock of {@code dir} now (probed without taking it for long). */
  public static boolean held(Path dir) {
    Path file = dir.resolve(FILE);
    if (!Files.exists(file)) {
      return false;
    }
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      FileLock probe = channel.tryLock();
      if (probe == null) {
        return true;
      }
      probe.release();
      return false;
    } catch (OverlappingFileLockException e) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static String read(FileChannel channel) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(channel.size(), 4096));
    channel.read(buffer, 0);
    return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
  }

  /** The host name as the kernel has it (asking the resolver can stall for seconds on a machine without DNS). */
  private static String host() {
    try {
      return Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
    } catch (IOException e) {
      try {
        return InetAddress.getLocalHost().getHostName();
      } catch (IOException unknown) {
        return "unknown host";
      }
    }
  }

  /** Releases the lock and empties the file, so the next runner sees a clean hand-over. */
  @Override
  public void close() {
    try {
      channel.truncate(0);
      lock.release();
      channel.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot release " + FILE, e);
    }
  }
}
