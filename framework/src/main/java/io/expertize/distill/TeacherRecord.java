package io.expertize.distill;

import io.expertize.config.ConfigException;
import io.expertize.train.io.Json;
import io.expertize.train.io.RunDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code teacher.json} beside a run's config.yaml: what taught the run ({@link TeacherInfo}), written
 * when it starts and checked when it resumes, so a resumed run is taught by the same teacher.
 */
public final class TeacherRecord {
  public static final String FILE = "teacher.json";

  private TeacherRecord() {}

  public static void write(RunDirectory run, TeacherInfo teacher) {
    run.writeJsonAtomically(FILE, teacher.toJson());
  }

  /** @throws ConfigException naming {@code distill.teacher} if {@code now}'s fingerprint is not the recorded one */
  public static void requireSame(RunDirectory run, TeacherInfo now) {
    Path file = run.root().resolve(FILE);
    if (!Files.isRegularFile(file)) {
      return; // written right after config.yaml; a run killed in between never trained a step
    }
    String recorded;
    try {
      recorded = Json.MAPPER.readTree(file.toFile()).path("sha256").asText("");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    if (!recorded.equals(now.fingerprint())) {
      throw new ConfigException("distill.teacher: " + now.path() + " is not the teacher this run started with "
          + "(sha256 " + now.fingerprint() + ", " + file + " records " + recorded + "): a resumed run must be taught "
          + "by the same teacher; restore it, or start a new run");
    }
  }
}
