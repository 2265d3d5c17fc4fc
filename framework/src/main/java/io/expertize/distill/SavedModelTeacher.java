package io.expertize.distill;

import com.fasterxml.jackson.databind.JsonNode;
import io.expertize.data.Normalization;
import io.expertize.train.io.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.SessionFunction;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.SavedModel;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.proto.TensorInfo;
import org.tensorflow.proto.TensorShapeProto;
import org.tensorflow.types.TFloat32;

/**
 * A SavedModel as a teacher, loaded through TensorFlow's own loader (tag {@code serve}) into its own
 * session: its {@code serving_default} takes one float32 image batch {@code [?, H, W, C]} and answers
 * class scores {@code [?, K]}: the output {@code logits}, taken as they are; else {@code probabilities},
 * taken as their log ({@link TeacherScores#LOG_PROBABILITIES}: the logits up to a per-row constant, so
 * softmax at any temperature gives the teacher's own distribution back); else its only float32 output,
 * of unknown meaning, whose argmax alone is used ({@link TeacherScores#ARGMAX_ONLY}: hard distillation
 * only). An {@code expertize export} takes raw pixels in
 * [0, 255] and normalises them itself, so the student's normalised images are fed de-normalised
 * ({@link TeacherInput#PIXELS}). The signature is checked against the student's images and classes
 * before the model is loaded, and once more on one image after.
 */
public final class SavedModelTeacher implements Teacher {
  public static final String TAG = "serve";
  public static final String SIGNATURE = "serving_default";
  private static final List<String> PREFERRED_OUTPUTS = List.of("logits", "probabilities");

  private final SavedModelBundle bundle;
  private final SessionFunction function;
  private final String inputName;
  private final String outputName;
  private final TeacherScores kind;
  private final TeacherInput input;
  private final Normalization normalization;
  private final int imageSize;
  private final int channels;
  private final int numClasses;
  private final TeacherInfo info;

  private SavedModelTeacher(SavedModelBundle bundle, String inputName, String outputName, TeacherInput input,
      Normalization normalization, int imageSize, int channels, int numClasses, TeacherInfo info) {
    this.bundle = bundle;
    this.function = bundle.function(SIGNATURE);
    this.inputName = inputName;
    this.outputName = outputName;
    this.kind = info.scores();
    this.input = input;
    this.normalization = normalization;
    this.imageSize = imageSize;
    this.channels = channels;
    this.numClasses = numClasses;
    this.info = info;
  }

  /**
   * Opens the SavedModel in {@code dir} for a student of {@code imageSize} x {@code imageSize} x
   * {@code channels} images normalised by {@code normalization}, classifying into {@code numClasses}.
   *
   * @param version the version directory's number, or -1 when {@code dir} is not named by one
   * @param type what it will teach: soft distillation needs its distribution (an output {@code logits}
   *     or {@code probabilities}), hard only its argmax
   * @throws TeacherException when it cannot teach this student, saying what it takes and answers
   */
  public static SavedModelTeacher open(Path dir, long version, TeacherInput input, Normalization normalization,
      int imageSize, int channels, int numClasses, DistillationType type) {
    SignatureDef signature = servingSignature(dir);
    String student = "[?, " + imageSize + ", " + imageSize + ", " + channels + "]";
    Map<String, TensorInfo> inputs = signature.getInputsMap();
    if (inputs.size() != 1) {
      throw new TeacherException(dir + ": its " + SIGNATURE + " takes " + inputs.size() + " inputs " + inputs.keySet()
          + "; a teacher takes one float32 image batch " + student);
    }
    String inputName = inputs.keySet().iterator().next();
    TensorInfo in = inputs.get(inputName);
    if (in.getDtype() == DataType.DT_STRING) {
      throw new TeacherException(dir + ": its " + SIGNATURE + " takes strings ('" + inputName + "'): a text model "
          + "(or encoded images)? A teacher takes one float32 image batch " + student + ", like an `expertize export` "
          + "of an image classifier");
    }
    if (in.getDtype() != DataType.DT_FLOAT || !matches(in.getTensorShape(), -1, imageSize, imageSize, channels)) {
      throw new TeacherException(dir + ": its " + SIGNATURE + " takes '" + inputName + "' " + describe(in)
          + "; the student's images are float32 " + student + " (a teacher must see the student's images as they are:"
          + " no resizing)");
    }
    String outputName = output(dir, signature, numClasses);
    TensorInfo out = signature.getOutputsMap().get(outputName);
    if (!matches(out.getTensorShape(), -1, numClasses)) {
      throw new TeacherException(dir + ": its " + SIGNATURE + " answers '" + outputName + "' " + describe(out)
          + "; the student classifies into " + numClasses + " classes: [?, " + numClasses + "]");
    }
    TeacherScores kind = outputName.equals("logits") ? TeacherScores.LOGITS
        : outputName.equals("probabilities") ? TeacherScores.LOG_PROBABILITIES : TeacherScores.ARGMAX_ONLY;
    if (type == DistillationType.SOFT && !kind.givesDistribution()) {
      throw new TeacherException(dir + ": its " + SIGNATURE + " answers '" + outputName + "' " + describe(out)
          + ", named neither 'logits' nor 'probabilities': soft distillation (distill.type = soft) needs the "
          + "teacher's distribution, and these scores may be either; hard distillation (distill.type = hard) uses "
          + "only their argmax, the same for both");
    }
    SavedModelBundle bundle;
    try {
      bundle = SavedModelBundle.load(dir.toString(), TAG);
    } catch (RuntimeException e) {
      throw new TeacherException(dir + ": TensorFlow could not load this SavedModel: " + e.getMessage(), e);
    }
    TeacherInfo info = new TeacherInfo(TeacherInfo.SAVED_MODEL, dir, modelName(dir), imageSize, channels, numClasses,
        input.key(), outputName, kind, version, -1, fingerprint(dir));
    SavedModelTeacher teacher = new SavedModelTeacher(
        bundle, inputName, outputName, input, normalization, imageSize, channels, numClasses, info);
    try {
      teacher.scores(new float[imageSize * imageSize * channels], 1, new float[numClasses]); // shapes unknown until run
    } catch (RuntimeException e) {
      teacher.close();
      throw e instanceof TeacherException t ? t : new TeacherException(dir + ": its " + SIGNATURE + " failed on one "
          + student.replace("?", "1") + " image: " + e.getMessage(), e);
    }
    return teacher;
  }

  /** SHA-256 of its graph and variables ({@code saved_model.pb}, {@code variables/}). */
  static String fingerprint(Path dir) {
    return Fingerprint.sha256(dir, name -> name.equals("saved_model.pb") || name.startsWith("variables/"));
  }

  @Override
  public void scores(float[] images, int count, float[] scores) {
    int values = imageSize * imageSize * channels;
    float[] fed = new float[count * values];
    input.convert(images, fed.length, normalization, fed);
    try (TFloat32 batch = TFloat32.tensorOf(Shape.of(count, imageSize, imageSize, channels), DataBuffers.of(fed, true, false));
        Result r = function.call(Map.of(inputName, batch))) {
      Tensor t = r.get(outputName).orElseThrow();
      if (!(t instanceof TFloat32 answer) || answer.rank() != 2 || answer.shape().get(0) != count
          || answer.shape().get(1) != numClasses) {
        throw new TeacherException(info.path() + ": its " + SIGNATURE + " answered '" + outputName + "' "
            + t.dataType() + " " + t.shape() + " for " + count + " images; the student needs [" + count + ", "
            + numClasses + "] class scores");
      }
      int n = count * numClasses;
      answer.asRawTensor().data().asFloats().read(scores, 0, n);
      if (kind == TeacherScores.LOG_PROBABILITIES) {
        for (int i = 0; i < n; i++) {
          float p = scores[i]; // a softmax in float32 may round a little above 1
          if (!(p >= 0 && p <= 1.001f)) {
            throw new TeacherException(info.path() + ": its " + SIGNATURE + " answered '" + outputName + "' " + p
                + " for class " + (i % numClasses) + " of image " + (i / numClasses) + " of the batch: not a probability");
          }
          scores[i] = (float) Math.log(p);
        }
      }
      ScoreCheck.rows(scores, count, numClasses, info.path().toString());
    }
  }

  @Override
  public TeacherInfo info() {
    return info;
  }

  @Override
  public void close() {
    bundle.close();
  }

  private static SignatureDef servingSignature(Path dir) {
    SavedModel saved;
    try (InputStream in = Files.newInputStream(dir.resolve("saved_model.pb"))) {
      saved = SavedModel.parseFrom(in);
    } catch (IOException e) {
      throw new TeacherException(dir + ": cannot read saved_model.pb as a SavedModel: " + e.getMessage(), e);
    }
    List<List<String>> tags = new ArrayList<>();
    for (MetaGraphDef meta : saved.getMetaGraphsList()) {
      tags.add(meta.getMetaInfoDef().getTagsList());
      if (meta.getMetaInfoDef().getTagsList().contains(TAG)) {
        SignatureDef signature = meta.getSignatureDefMap().get(SIGNATURE);
        if (signature == null) {
          throw new TeacherException(dir + ": its '" + TAG + "' meta graph has no signature " + SIGNATURE + " (it has "
              + new TreeMap<>(meta.getSignatureDefMap()).keySet() + ")");
        }
        return signature;
      }
    }
    throw new TeacherException(dir + ": no meta graph tagged '" + TAG + "' (tags: " + tags + ")");
  }

  /** {@code logits}, else {@code probabilities}, else the only float32 output (any name: argmax only). */
  private static String output(Path dir, SignatureDef signature, int numClasses) {
    Map<String, TensorInfo> outputs = signature.getOutputsMap();
    for (String name : PREFERRED_OUTPUTS) {
      if (outputs.containsKey(name)) {
        return name;
      }
    }
    List<String> floats = outputs.entrySet().stream().filter(e -> e.getValue().getDtype() == DataType.DT_FLOAT)
        .map(Map.Entry::getKey).sorted().toList();
    if (floats.size() != 1) {
      throw new TeacherException(dir + ": its " + SIGNATURE + " answers " + new TreeMap<>(outputs).keySet()
          + "; a teacher answers class scores [?, " + numClasses + "] as 'logits' or 'probabilities', or as its only "
          + "float32 output");
    }
    return floats.get(0);
  }

  /** Whether a known rank equals {@code dims}' and every known dimension its value (-1: any). */
  private static boolean matches(TensorShapeProto shape, long... dims) {
    if (shape.getUnknownRank()) {
      return true;
    }
    if (shape.getDimCount() != dims.length) {
      return false;
    }
    for (int i = 0; i < dims.length; i++) {
      long d = shape.getDim(i).getSize();
      if (dims[i] >= 0 && d >= 0 && d != dims[i]) {
        return false;
      }
    }
    return true;
  }

  private static String describe(TensorInfo t) {
    String type = t.getDtype() == DataType.DT_FLOAT ? "float32" : t.getDtype().name();
    TensorShapeProto shape = t.getTensorShape();
    if (shape.getUnknownRank()) {
      return type + " of unknown shape";
    }
    List<String> dims = new ArrayList<>();
    shape.getDimList().forEach(d -> dims.add(d.getSize() < 0 ? "?" : Long.toString(d.getSize())));
    return type + " [" + String.join(", ", dims) + "]";
  }

  /** The model of an {@code expertize export} (its {@code assets.extra/expertize.json}), else empty. */
  private static String modelName(Path dir) {
    Path metadata = dir.resolve("assets.extra/expertize.json");
    if (!Files.isRegularFile(metadata)) {
      return "";
    }
    try {
      JsonNode root = Json.MAPPER.readTree(metadata.toFile());
      return root.path("model").asText("");
    } catch (IOException e) {
      return "";
    }
  }
}
