package io.expertize.cli;

import static io.expertize.cli.CliEndToEndTest.cli;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.BytesList;
import org.tensorflow.proto.Example;
import org.tensorflow.proto.Feature;
import org.tensorflow.proto.Features;
import org.tensorflow.proto.Int64List;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;

/**
 * Issue 15's TFRecord acceptance through the CLI: TFRecord files of tf.train.Example, written by TensorFlow's
 * own writer op (one shard gzip-compressed), train a few steps, export, and the export loaded through
 * TensorFlow's loader answers with the class names of {@code data.classes}; a record with a bad CRC stops the
 * run, naming the file and record, before anything is written.
 */
class TfRecordEndToEndTest {
  private static final List<String> TINY = List.of("--set", "model=vit_quickstart", "--set", "model.dim=16",
      "--set", "model.depth=1", "--set", "train.batch-size=16", "--set", "train.log-every=1", "--set", "seed=7");

  @TempDir Path tmp;

  @Test
  void tfRecordFilesTrainExportAndAreServedWithTheirClassNames() throws Exception {
    Path data = tmp.resolve("shapes");
    List<byte[]> test = new ArrayList<>();
    List<byte[]> train = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      byte[] png = png(14, i % 2 == 0 ? 0xC04020 : 0x2040C0, i);
      (i < 32 ? train : test).add(png);
    }
    writeShards(data, train, test);

    Path run = tmp.resolve("run");
    List<String> args = new ArrayList<>(List.of("train", "--set", "data=tfrecord", "--data", data.toString(),
        "--set", "data.classes=red,blue", "--set", "train.steps=6", "--out", run.toString()));
    args.addAll(TINY);
    CliEndToEndTest.Outcome trained = cli(args.toArray(String[]::new));
    assertThat(trained.code()).as(trained.err()).isZero();
    JsonNode summary = new ObjectMapper().readTree(run.resolve("summary.json").toFile());
    assertThat(summary.get("class_names")).extracting(JsonNode::asText).containsExactly("red", "blue");
    assertThat(summary.get("steps").asLong()).isEqualTo(6);
    assertThat(Files.readString(run.resolve("config.yaml"))).contains("model.image-size: 14", "data.color-mode: rgb");

    CliEndToEndTest.Outcome exported = cli("export", "--run", run.toString(), "--out", tmp.resolve("models").toString(),
        "--name", "shapes", "--json");
    assertThat(exported.code()).as(exported.err()).isZero();
    Path model = Path.of(new ObjectMapper().readTree(exported.out()).get("path").asText());
    byte[][] served = test.toArray(byte[][]::new);
    try (SavedModelBundle bundle = SavedModelBundle.load(model.toString(), "serve");
        TString in = TString.tensorOfBytes(NdArrays.vectorOfObjects(served));
        Result r = bundle.function("serving_image_bytes").call(Map.of("image_bytes", in))) {
      TString names = (TString) r.get("class_names").orElseThrow();
      TInt64 classes = (TInt64) r.get("classes").orElseThrow();
      List<String> answers = IntStream.range(0, served.length).mapToObj(names::getObject).toList();
      assertThat(answers).hasSize(8).allSatisfy(a -> assertThat(a).isIn("red", "blue"));
      for (int i = 0; i < served.length; i++) {
        assertThat(answers.get(i)).isEqualTo(List.of("red", "blue").get((int) classes.getLong(i)));
      }
    }
  }

  @Test
  void aRecordWithABadCrcStopsTheRunBeforeItsDirectoryExists() throws IOException {
    Path data = tmp.resolve("bad");
    List<byte[]> images = List.of(png(8, 0x808080, 1), png(8, 0x404040, 2));
    writeShards(data, images, images);
    Path shard = data.resolve("train-00000-of-00002");
    byte[] bytes = Files.readAllBytes(shard);
    bytes[bytes.length - 1] ^= 1; // the last record's data CRC
    Files.write(shard, bytes);
    Path run = tmp.resolve("never");
    List<String> args = new ArrayList<>(List.of("train", "--set", "data=tfrecord", "--data", data.toString(),
        "--set", "train.steps=1", "--out", run.toString()));
    args.addAll(TINY);
    CliEndToEndTest.Outcome o = cli(args.toArray(String[]::new));
    assertThat(o.code()).isEqualTo(2);
    assertThat(o.err()).contains(shard + ", record 0: the CRC of the record's data does not match");
    assertThat(run).doesNotExist();
  }

  /** Model Garden's shard names: two training shards (the second gzip-compressed), one test shard. */
  private static void writeShards(Path dir, List<byte[]> train, List<byte[]> test) {
    List<byte[]> even = new ArrayList<>();
    List<byte[]> odd = new ArrayList<>();
    for (int i = 0; i < train.size(); i++) {
      (i % 2 == 0 ? even : odd).add(example(train.get(i), i % 2));
    }
    write(dir.resolve("train-00000-of-00002"), even, false);
    write(dir.resolve("train-00001-of-00002"), odd, true);
    write(dir.resolve("test-00000-of-00001"), IntStream.range(0, test.size()).mapToObj(i -> example(test.get(i), i % 2))
        .toList(), false);
  }

  private static byte[] example(byte[] image, long label) {
    return Example.newBuilder().setFeatures(Features.newBuilder()
        .putFeature("image/encoded", Feature.newBuilder()
            .setBytesList(BytesList.newBuilder().addValue(ByteString.copyFrom(image))).build())
        .putFeature("image/class/label", Feature.newBuilder()
            .setInt64List(Int64List.newBuilder().addValue(label)).build()))
        .build().toByteArray();
  }

  /** Through TensorFlow's writer op (DatasetToTFRecord over a dataset of the serialised Examples). */
  private static void write(Path file, List<byte[]> records, boolean gzip) {
    try {
      Files.createDirectories(file.getParent());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    try (Graph g = new Graph(); Session s = new Session(g);
        TString values = TString.tensorOfBytes(NdArrays.vectorOfObjects(records.toArray(byte[][]::new)))) {
      Ops tf = Ops.create(g);
      Operand<TString> slices = tf.constant(values);
      s.runner().addTarget(tf.data.datasetToTfRecord(
          tf.data.tensorSliceDataset(List.<Operand<?>>of(slices), List.of(Shape.scalar())),
          tf.constant(file.toString()), tf.constant(gzip ? "GZIP" : ""))).run();
    }
  }

  /** A noisy square of one colour, as PNG bytes. */
  private static byte[] png(int size, int rgb, long seed) throws IOException {
    BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
    Random random = new Random(seed);
    for (int y = 0; y < size; y++) {
      for (int x = 0; x < size; x++) {
        int noise = random.nextInt(40);
        image.setRGB(x, y, (Math.min(255, ((rgb >> 16) & 0xFF) + noise) << 16)
            | (Math.min(255, ((rgb >> 8) & 0xFF) + noise) << 8) | Math.min(255, (rgb & 0xFF) + noise));
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "png", out);
    return out.toByteArray();
  }
}
