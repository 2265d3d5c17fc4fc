package io.expertize.distill;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/** SHA-256 over files of a directory: each one's relative name, then its bytes, in name order. */
final class Fingerprint {
  private Fingerprint() {}

  /** The regular files of {@code dir} accepted by {@code keep} (relative, '/'-separated names), hashed. */
  static String sha256(Path dir, java.util.function.Predicate<String> keep) {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM lacks SHA-256", e);
    }
    List<Path> files;
    try (Stream<Path> walk = Files.walk(dir)) {
      files = walk.filter(Files::isRegularFile).filter(p -> keep.test(name(dir, p))).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
    byte[] buffer = new byte[1 << 16];
    for (Path f : files) {
      digest.update(name(dir, f).getBytes(StandardCharsets.UTF_8));
      digest.update((byte) 0);
      try (InputStream in = Files.newInputStream(f)) {
        for (int n; (n = in.read(buffer)) > 0; ) {
          digest.update(buffer, 0, n);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + f, e);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static String name(Path dir, Path file) {
    return dir.relativize(file).toString().replace('\\', '/');
  }
}
