package io.expertize.train.io;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One process at a time in a directory: an exclusive OS lock ({@link FileChannel#tryLock}) on
 * {@code DIR/.expertize.lock}, whose content names the holder (PID, host, start time, purpose) for
 * the refusal a second process gets. The OS releases the lock when its process dies, so a lock
 * file left by a killed process is stale by construction; it is taken over with a message naming
 * the dead holder (a record whose PID runs on this host, started at the recorded time, is still
 * refused: a file system that does not pass locks on). A record naming another host is not taken over (its PID cannot be checked from
 * here, and network file systems may not pass locks on).
 *
 * <p>{@link #close()} empties the file and releases the lock; the file itself stays (deleting it
 * would let a process that opened it just before lock a file no longer at that path).
 */
public final class DirectoryLock implements AutoCloseable {

  /** The lock file's name inside the locked directory. */
  public static final String FILE_NAME = ".expertize.lock";

  /** The directories this JVM holds, by lock file: a POSIX lock cannot tell two holders in one process apart. */
  private static final Map<Path, Holder> HELD = new HashMap<>();

  private final Path file;
  private final FileChannel channel;
  private boolean released; // guarded by HELD

  private DirectoryLock(Path file, FileChannel channel) {
    this.file = file;
    this.channel = channel;
  }

  /**
   * Locks {@code dir} (created if missing) for this process.
   *
   * @param purpose what the holder does, for the refusal, e.g. {@code "training"}
   * @param notices told about a stale lock taken over (e.g. {@code System.err::println})
   * @throws DirectoryLockedException if another process, or this one, holds it
   */
  public static DirectoryLock acquire(Path dir, String purpose, Consumer<String> notices) {
    Path root = dir.toAbsolutePath().normalize();
    Path file = root.resolve(FILE_NAME);
    try {
      Files.createDirectories(root);
    } catch (IOException e) {
      throw new RunDirectoryException(root, "cannot create " + root + ": " + IoReasons.of(e), e);
    }
    Holder me = Holder.current(purpose);
    synchronized (HELD) {
      if (HELD.containsKey(file)) {
        throw refusal(file, Optional.of(HELD.get(file)));
      }
      DirectoryLock lock = lock(file, me, notices);
      HELD.put(file, me);
      return lock;
    }
  }

  /** Locks {@code dir}, printing a stale lock's takeover to standard error. */
  public static DirectoryLock acquire(Path dir, String purpose) {
    return acquire(dir, purpose, System.err::println);
  }

  /**
   * The holder recorded in {@code dir}'s lock file, if one is there and readable. Not for a directory
   * this process holds: closing any descriptor of a locked file drops the process's POSIX lock.
   */
  static Optional<Holder> recordedHolder(Path dir) {
    try {
      byte[] bytes = Files.readAllBytes(dir.resolve(FILE_NAME));
      return bytes.length == 0 ? Optional.empty() : Holder.parse(bytes);
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** The holder writes its record right after locking: a refusal in between waits a moment for it. */
  private static Optional<Holder> awaitRecord(Path dir) {
    for (int i = 0; i < 50; i++) {
      Optional<Holder> holder = recordedHolder(dir);
      if (holder.isPresent()) {
        return holder;
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return Optional.empty();
  }

  private static DirectoryLock lock(Path file, Holder me, Consumer<String> notices) {
    FileChannel channel = null;
    try {
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
          StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null; // this JVM holds it through a channel opened elsewhere
      }
      if (lock == null) {
        channel.close(); // holds nothing, so closing drops nothing
        channel = null;
        throw refusal(file, awaitRecord(file.getParent()));
      }
      // everything from here on goes through this channel: another descriptor's close would drop the lock
      Optional<Holder> previous = read(channel);
      if (previous.isPresent() && !previous.get().sameHost()) {
        throw new DirectoryLockedException(file.getParent(), file.getParent() + " is locked by "
            + previous.get().describe() + ", a process on another host that cannot be checked from here;"
            + " if it is no longer running, delete " + file + " and try again");
      }
      if (previous.isPresent() && previous.get().isAnotherLiveProcess()) {
        // alive, yet not holding the OS lock: a file system that does not pass locks on
        throw refusal(file, previous);
      }
      write(channel, me);
      previous.ifPresent(p -> notices.accept("taking over the lock of " + file.getParent() + " from "
          + p.describe() + ": that process is no longer running"));
      return new DirectoryLock(file, channel);
    } catch (IOException e) {
      closeQuietly(channel);
      throw new UncheckedIOException("cannot lock " + file + ": " + IoReasons.of(e), e);
    } catch (RuntimeException e) {
      closeQuietly(channel);
      throw e;
    }
  }

  private static DirectoryLockedException refusal(Path file, Optional<Holder> holder) {
    Path dir = file.getParent();
    return new DirectoryLockedException(dir, dir + " is in use by "
        + holder.map(Holder::describe).orElse("another process") + "; wait for it to finish, stop it,"
        + " or choose another directory");
  }

  /** The locked directory. */
  public Path directory() {
    return file.getParent();
  }

  /** Empties the lock file (a clean end names no holder) and releases the lock. Idempotent. */
  @Override
  public void close() {
    synchronized (HELD) {
      if (released) {
        return;
      }
      released = true;
      try {
        channel.truncate(0);
        channel.force(true);
      } catch (IOException e) {
        // the record stays: the next process takes it over as stale, which is still correct
      }
      closeQuietly(channel); // releases the lock
      HELD.remove(file);
    }
  }

  private static Optional<Holder> read(FileChannel channel) throws IOException {
    long size = channel.size();
    if (size == 0 || size > 4096) {
      return Optional.empty();
    }
    ByteBuffer buffer = ByteBuffer.allocate((int) size);
    channel.read(buffer, 0);
    return Holder.parse(buffer.array());
  }

  private static void write(FileChannel channel, Holder holder) throws IOException {
    channel.truncate(0);
    channel.write(ByteBuffer.wrap(holder.toJson()), 0);
    channel.force(true);
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException e) {
        // nothing left to release
      }
    }
  }

  /**
   * Who holds a lock.
   *
   * @param pid the process id
   * @param host the host name it runs on
   * @param started when the process started (its own start time, to tell a reused PID apart)
   * @param purpose what it does there
   */
  public record Holder(long pid, String host, Instant started, String purpose) {

    static Holder current(String purpose) {
      ProcessHandle self = ProcessHandle.current();
      return new Holder(self.pid(), hostName(),
          self.info().startInstant().orElse(Instant.now()), purpose);
    }

    /** {@code pid 1234 on host h (training, started 2026-12-02T18:30:00Z)}. */
    public String describe() {
      return "pid " + pid + " on host " + host + " (" + purpose + ", started " + started + ")";
    }

    /** A process of this host other than this one, still running, that started when the record says. */
    boolean isAnotherLiveProcess() {
      return sameHost() && pid != ProcessHandle.current().pid() && ProcessHandle.of(pid)
          .filter(ProcessHandle::isAlive)
          .flatMap(p -> p.info().startInstant())
          .map(start -> Math.abs(start.toEpochMilli() - started.toEpochMilli()) < 1000)
          .orElse(false);
    }

    boolean sameHost() {
      return host.equals(hostName());
    }

    byte[] toJson() {
      var node = Json.MAPPER.createObjectNode().put("pid", pid).put("host", host)
          .put("started", started.toString()).put("purpose", purpose);
      return (node.toString() + "\n").getBytes(StandardCharsets.UTF_8);
    }

    static Optional<Holder> parse(byte[] bytes) {
      try {
        JsonNode n = Json.MAPPER.readTree(bytes);
        return Optional.of(new Holder(n.get("pid").asLong(), n.get("host").asText(),
            Instant.parse(n.get("started").asText()), n.get("purpose").asText()));
      } catch (IOException | RuntimeException e) {
        return Optional.empty(); // torn by a crash while being written: nobody to name
      }
    }

    private static String hostName() {
      try {
        return InetAddress.getLocalHost().getHostName();
      } catch (UnknownHostException e) {
        return "localhost";
      }
    }
  }
}
