package io.expertize.distill;

import com.fasterxml.jackson.databind.JsonNode;
import io.expertize.config.ConfigException;
import io.expertize.train.io.Json;
import io.expertize.train.io.RunDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code teacher.json} beside a run's config.yaml: what taught the run ({@link TeacherInfo}) and how
 * ({@link DistillationObjective}, under {@code distillation}), written when it starts and checked when it
 * resumes, so a resumed run is taught by the same teacher in the same way.
 */
public final class TeacherRecord {
  public static final String FILE = "teacher.json";
  private static final String OBJECTIVE = "distillation";

  private TeacherRecord() {}

  public static void write(RunDirectory run, TeacherInfo teacher, DistillationObjective objective) {
    Map<String, Object> json = teacher.toJson();
    json.put(OBJECTIVE, objective.toJson());
    run.writeJsonAtomically(FILE, json);
  }

  /**
   * @throws ConfigException naming {@code distill.teacher} if {@code now}'s fingerprint is not the recorded one,
   *     or the key that differs if the run's configuration no longer distils as recorded (an edited config.yaml)
   */
  public static void requireSame(RunDirectory run, TeacherInfo now, DistillationObjective objective) {
    Path file = run.root().resolve(FILE);
    if (!Files.isRegularFile(file)) {
      return; // written right after config.yaml; a run killed in between never trained a step
    }
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    String recorded = root.path("sha256").asText("");
    if (!recorded.equals(now.fingerprint())) {
      throw new ConfigException("distill.teacher: " + now.path() + " is not the teacher this run started with "
          + "(sha256 " + now.fingerprint() + ", " + file + " records " + recorded + "): a resumed run must be taught "
          + "by the same teacher; restore it, or start a new run");
    }
    JsonNode how = root.path(OBJECTIVE);
    if (how.isMissingNode()) {
      return; // recorded before soft distillation existed: hard, as its config.yaml says
    }
    String type = how.path("type").asText("");
    if (!type.equals(objective.type().key())) {
      throw new ConfigException("distill.type: " + run.configFile() + " says " + objective.type().key() + ", but the "
          + "run started with " + type + " (" + file + "): a resumed run is taught as it started; restore config.yaml, "
          + "or start a new run");
    }
    if (objective.type() == DistillationType.SOFT) {
      requireEqual(run, file, "distill.tau", how.path("tau").asDouble(), objective.tau());
    }
    requireEqual(run, file, "distill.alpha", how.path("alpha").asDouble(), objective.alpha());
  }

  private static void requireEqual(RunDirectory run, Path file, String key, double recorded, double now) {
    if (recorded != now) {
      throw new ConfigException(key + ": " + run.configFile() + " says " + now + ", but the run started with "
          + recorded + " (" + file + "): a resumed run is taught as it started; restore config.yaml, or start a new run");
    }
  }
}
