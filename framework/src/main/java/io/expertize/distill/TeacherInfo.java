package io.expertize.distill;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What taught a run, as recorded in its {@code teacher.json} and printed when it starts.
 *
 * @param kind {@code savedmodel} or {@code run}
 * @param path the exact source: a SavedModel version directory, or a run's checkpoint directory
 * @param model the zoo model's name when known (an Expertize export or run), else empty
 * @param input how the teacher is fed ({@link TeacherInput#key()}, or {@code run normalization})
 * @param output the SavedModel output its scores are read from ({@code logits} for a run)
 * @param scores what the scores are: logits, log-probabilities, or of unknown meaning (argmax only)
 * @param version the SavedModel version directory's number, or -1
 * @param step the checkpoint's step, or -1
 * @param fingerprint SHA-256 over the SavedModel's graph and variables, or the checkpoint's files
 */
public record TeacherInfo(
    String kind, Path path, String model, int imageSize, int channels, int numClasses, String input, String output,
    TeacherScores scores, long version, long step, String fingerprint) {

  public static final String SAVED_MODEL = "savedmodel";
  public static final String RUN = "run";

  /** One line for the console. */
  public String describe() {
    StringBuilder s = new StringBuilder(kind.equals(RUN) ? "run checkpoint " : "SavedModel ").append(path);
    s.append(" (");
    if (!model.isEmpty()) {
      s.append(model).append(", ");
    }
    if (step >= 0) {
      s.append("step ").append(step).append(", ");
    }
    s.append(imageSize).append('x').append(imageSize).append('x').append(channels).append(" images, ")
        .append(numClasses).append(" classes, fed ").append(input).append(", scores ").append(describeScores())
        .append(", sha256 ")
        .append(fingerprint, 0, Math.min(12, fingerprint.length())).append(')');
    return s.toString();
  }

  /** {@code logits}, {@code log(probabilities)}, or {@code 'out' (argmax only)}. */
  private String describeScores() {
    return scores == TeacherScores.ARGMAX_ONLY ? "'" + output + "' (" + scores.key() + ")" : scores.key();
  }

  /** The record as {@code teacher.json} holds it. */
  public Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("kind", kind);
    m.put("path", path.toString());
    m.put("model", model);
    m.put("image_size", imageSize);
    m.put("channels", channels);
    m.put("classes", numClasses);
    m.put("input", input);
    m.put("output", output);
    m.put("scores", scores.key());
    if (version >= 0) {
      m.put("version", version);
    }
    if (step >= 0) {
      m.put("step", step);
    }
    m.put("sha256", fingerprint);
    return m;
  }
}
