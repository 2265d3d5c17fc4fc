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
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * One process at a time in a directory: an exclusive OS lock ({@link FileChannel#tryLock}) on
 * {@code DIR/.expertize.lock}, whose content names the holder (PID, host, start time, purpose) for
 * the refusal a second process gets. The OS releases the lock when its process dies, so a lock
 * file left by a killed process is stale by construction; it is taken over with a message naming
 * the dead holder. A record naming another host is not taken over (its PID cannot be checked from
 * here, and network file systems may not pass locks on).
 *
 * <p>Released by {@link #close()}, which deletes the file first: a process that opened the old file
 * in the meantime finds, after locking, that the path no longer holds its own record and retries.
 */
public final class DirectoryLock implements AutoCloseable {

  /** The lock file's name inside the locked directory. */
  public static final String FILE_NAME = ".expertize.lock";

  private static final int ATTEMPTS = 5;

  private final Path file;
  private final FileChannel channel;
  private final FileLock lock;
  private boolean released;

  private DirectoryLock(Path file, FileChannel channel, FileLock lock) {
    this.file = file;
    this.channel = channel;
    this.lock = lock;
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
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      Optional<DirectoryLock> lock = tryOnce(file, me, notices);
      if (lock.isPresent()) {
        return lock.get();
      }
    }
    throw new IllegalStateException("could not lock " + file + ": it was replaced " + ATTEMPTS
        + " times while locking; is another program deleting it?");
  }

  /** Locks {@code dir}, printing a stale lock's takeover to standard error. */
  public static DirectoryLock acquire(Path dir, String purpose) {
    return acquire(dir, purpose, System.err::println);
  }

  /** The holder recorded in {@code dir}'s lock file, if one is there and readable. */
  public static Optional<Holder> recordedHolder(Path dir) {
    try {
      byte[] bytes = Files.readAllBytes(dir.resolve(FILE_NAME));
      return bytes.length == 0 ? Optional.empty() : Holder.parse(bytes);
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static Optional<DirectoryLock> tryOnce(Path file, Holder me, Consumer<String> notices) {
    FileChannel channel = null;
    try {
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
          StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null; // this JVM holds it already
      }
      if (lock == null) {
        throw refusal(file, recordedHolder(file.getParent()));
      }
      Optional<Holder> previous = read(channel);
      if (previous.isPresent() && !previous.get().sameHost()) {
        lock.release();
        throw new DirectoryLockedException(file.getParent(), file.getParent() + " is locked by "
            + previous.get().describe() + ", a process on another host that cannot be checked from here;"
            + " if it is no longer running, delete " + file + " and try again");
      }
      write(channel, me);
      if (!me.equals(recordedHolder(file.getParent()).orElse(null))) {
        lock.release(); // the file was deleted and recreated while we locked it: lock the new one
        channel.close();
        return Optional.empty();
      }
      previous.ifPresent(p -> notices.accept("taking over the lock of " + file.getParent() + " from "
          + p.describe() + ": that process is no longer running"));
      return Optional.of(new DirectoryLock(file, channel, lock));
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

  /** Deletes the lock file and releases the lock. Idempotent. */
  @Override
  public synchronized void close() {
    if (released) {
      return;
    }
    released = true;
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // an empty-named holder stays behind; the next process locks it as free
    }
    try {
      lock.release();
    } catch (IOException e) {
      // closing the channel below releases it as well
    }
    closeQuietly(channel);
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
   * @param nonce tells this acquisition's record from any other
   */
  public record Holder(long pid, String host, Instant started, String purpose, String nonce) {

    static Holder current(String purpose) {
      ProcessHandle self = ProcessHandle.current();
      return new Holder(self.pid(), hostName(),
          self.info().startInstant().orElse(Instant.now()), purpose, UUID.randomUUID().toString());
    }

    /** {@code pid 1234 on host h (training, started 2026-12-02T18:30:00Z)}. */
    public String describe() {
      return "pid " + pid + " on host " + host + " (" + purpose + ", started " + started + ")";
    }

    boolean sameHost() {
      return host.equals(hostName());
    }

    byte[] toJson() {
      var node = Json.MAPPER.createObjectNode().put("pid", pid).put("host", host)
          .put("started", started.toString()).put("purpose", purpose).put("nonce", nonce);
      return (node.toString() + "\n").getBytes(StandardCharsets.UTF_8);
    }

    static Optional<Holder> parse(byte[] bytes) {
      try {
        JsonNode n = Json.MAPPER.readTree(bytes);
        return Optional.of(new Holder(n.get("pid").asLong(), n.get("host").asText(),
            Instant.parse(n.get("started").asText()), n.get("purpose").asText(), n.get("nonce").asText()));
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
