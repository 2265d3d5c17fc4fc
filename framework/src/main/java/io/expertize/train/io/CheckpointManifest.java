package io.expertize.train.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The files of a checkpoint with their sizes and SHA-256 digests, recorded in its {@code meta.json}
 * (written after them), so a truncated or altered file is found before TensorFlow reads it.
 * Checkpoints written before digests were recorded carry sizes only and are checked by size.
 *
 * @param sizes size in bytes of each file
 * @param sha256 lower-case hex SHA-256 of each file; empty for older checkpoints
 */
public record CheckpointManifest(Map<String, Long> sizes, Map<String, String> sha256) {

  public CheckpointManifest {
    sizes = Map.copyOf(sizes);
    sha256 = Map.copyOf(sha256);
  }

  /** Sizes and digests of the regular files directly in {@code dir}. */
  static CheckpointManifest of(Path dir) throws IOException {
    Map<String, Long> sizes = new TreeMap<>();
    Map<String, String> digests = new TreeMap<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        if (Files.isRegularFile(f)) {
          sizes.put(f.getFileName().toString(), Files.size(f));
          digests.put(f.getFileName().toString(), sha256(f));
        }
      }
    }
    return new CheckpointManifest(sizes, digests);
  }

  /** What is wrong with the files in {@code dir}, naming the first damaged file; empty if intact. */
  Optional<String> problem(Path dir) {
    for (Map.Entry<String, Long> f : new TreeMap<>(sizes).entrySet()) {
      Path file = dir.resolve(f.getKey());
      if (!Files.isRegularFile(file)) {
        return Optional.of("file " + f.getKey() + " is missing");
      }
      try {
        long size = Files.size(file);
        if (size != f.getValue()) {
          return Optional.of("file " + f.getKey() + " has " + size + " bytes, " + CheckpointManager.META
              + " recorded " + f.getValue() + " (truncated or overwritten)");
        }
        String expected = sha256.get(f.getKey());
        if (expected != null && !expected.equals(sha256(file))) {
          return Optional.of("file " + f.getKey() + " does not match its SHA-256 in " + CheckpointManager.META
              + " (its content was altered after it was written)");
        }
      } catch (IOException e) {
        return Optional.of("file " + f.getKey() + " cannot be read: " + IoReasons.of(e));
      }
    }
    return Optional.empty();
  }

  private static String sha256(Path file) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
    byte[] buffer = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
        digest.update(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }
}
