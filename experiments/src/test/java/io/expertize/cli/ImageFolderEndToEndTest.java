package io.expertize.cli;

import static io.expertize.cli.CliEndToEndTest.cli;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.expertize.data.DatasetSplits;
import io.expertize.data.FashionMnist;
import io.expertize.data.IdxReader;
import io.expertize.data.ImageDataset;
import io.expertize.train.io.MetricsLog;
import java.awt.image.BufferedImage;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;

/**
 * Issue 15's acceptance through the CLI: a user's folder of images trains, exports and is served through
 * TensorFlow's loader with its class names; Fashion-MNIST written out as PNG folders trains to the very
 * loss curve of its IDX files; a corrupt image stops the run before anything is written.
 */
class ImageFolderEndToEndTest {
  private static final List<String> TINY = List.of("--set", "model=vit_quickstart", "--set", "model.dim=16",
      "--set", "model.depth=1", "--set", "train.batch-size=32", "--set", "train.log-every=1", "--set", "seed=7");

  @TempDir Path tmp;

  @Test
  void fashionMnistAsPngFoldersTrainsToTheLossCurveOfItsIdxFiles() throws IOException {
    DatasetSplits fashion = FashionMnist.load(FashionMnist.DEFAULT_DIR, 480, 160);
    Path idx = tmp.resolve("idx");
    Path png = tmp.resolve("png");
    // class-folder order is class by class: the IDX copy holds the same images in that order
    writeBoth(fashion.train(), idx, "train", png.resolve("train"));
    writeBoth(fashion.test(), idx, "t10k", png.resolve("test"));

    List<Double> fromIdx = losses(train("idx", idx, tmp.resolve("run-idx")));
    List<Double> fromPng = losses(train("image-folder", png, tmp.resolve("run-png")));
    assertThat(fromIdx).hasSize(8);
    assertThat(fromPng).isEqualTo(fromIdx);
    assertThat(summary(tmp.resolve("run-png")).get("eval_top1").asDouble())
        .isEqualTo(summary(tmp.resolve("run-idx")).get("eval_top1").asDouble());
    String recorded = Files.readString(tmp.resolve("run-png/config.yaml"));
    assertThat(recorded).contains("data.classes: c0,c1,c2,c3,c4,c5,c6,c7,c8,c9", "data.color-mode: grayscale",
        "model.image-size: 28");
    assertThat(line(recorded, "data.mean:")).isEqualTo(line(Files.readString(tmp.resolve("run-idx/config.yaml")), "data.mean:"));
  }

  @Test
  void aUsersFolderTrainsExportsAndIsServedWithItsClassNames() throws Exception {
    Path images = tmp.resolve("pets");
    List<Path> served = new ArrayList<>();
    for (String split : List.of("train", "test")) {
      for (String pet : List.of("dog", "cat")) {
        for (int i = 0; i < (split.equals("train") ? 24 : 6); i++) {
          Path file = images.resolve(split + "/" + pet + "/" + i + (i % 2 == 0 ? ".png" : ".jpg"));
          writeRgb(file, 18 + i % 5, pet.equals("cat") ? 0xC04020 : 0x2040C0, i);
          if (split.equals("test")) {
            served.add(file);
          }
        }
      }
    }
    Path run = tmp.resolve("run");
    List<String> args = new ArrayList<>(List.of("train", "--set", "data=image-folder", "--data", images.toString(),
        "--set", "model.image-size=14", "--set", "train.steps=8", "--out", run.toString()));
    args.addAll(TINY);
    CliEndToEndTest.Outcome trained = cli(args.toArray(String[]::new));
    assertThat(trained.code()).as(trained.err()).isZero();
    assertThat(summary(run).get("class_names")).extracting(JsonNode::asText).containsExactly("cat", "dog");

    Path moved = Files.move(images, tmp.resolve("pets-moved")); // the export reads what the run recorded, not the data
    CliEndToEndTest.Outcome exported = cli("export", "--run", run.toString(), "--out", tmp.resolve("models").toString(),
        "--name", "pets", "--json");
    assertThat(exported.code()).as(exported.err()).isZero();
    Path model = Path.of(new ObjectMapper().readTree(exported.out()).get("path").asText());
    JsonNode metadata = new ObjectMapper().readTree(model.resolve("assets.extra/expertize.json").toFile());
    assertThat(metadata.get("class_names")).extracting(JsonNode::asText).containsExactly("cat", "dog");
    assertThat(metadata.at("/input/normalization/mean")).hasSize(3);

    byte[][] bytes = new byte[served.size()][];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = Files.readAllBytes(moved.resolve(images.relativize(served.get(i))));
    }
    try (SavedModelBundle bundle = SavedModelBundle.load(model.toString(), "serve");
        TString in = TString.tensorOfBytes(NdArrays.vectorOfObjects(bytes));
        Result r = bundle.function("serving_image_bytes").call(Map.of("image_bytes", in))) {
      TString names = (TString) r.get("class_names").orElseThrow();
      TInt64 classes = (TInt64) r.get("classes").orElseThrow();
      List<String> answers = IntStream.range(0, bytes.length).mapToObj(i -> names.getObject(i)).toList();
      for (int i = 0; i < bytes.length; i++) {
        assertThat(answers.get(i)).isEqualTo(List.of("cat", "dog").get((int) classes.getLong(i)));
      }
      System.out.println("served class names of the 12 test images: " + answers);
    }
  }

  @Test
  void aCorruptImageStopsTheRunBeforeItsDirectoryExists() throws IOException {
    Path images = tmp.resolve("bad");
    for (String split : List.of("train", "test")) {
      for (String c : List.of("a", "b")) {
        writeRgb(images.resolve(split + "/" + c + "/1.png"), 14, 0x808080, c.length());
      }
    }
    Path broken = images.resolve("train/b/2.jpg");
    Files.write(broken, new byte[] {(byte) 0xFF, (byte) 0xD8, 1, 2, 3});
    Path run = tmp.resolve("never");
    List<String> args = new ArrayList<>(List.of("train", "--set", "data=image-folder", "--data", images.toString(),
        "--set", "train.steps=1", "--out", run.toString()));
    args.addAll(TINY);
    CliEndToEndTest.Outcome o = cli(args.toArray(String[]::new));
    assertThat(o.code()).isEqualTo(2);
    assertThat(o.err()).contains("cannot decode " + broken);
    assertThat(run).doesNotExist();
  }

  @Test
  void withSkipBadImagesATruncatedPngIsSkippedListedAndCounted() throws IOException {
    Path images = tmp.resolve("some-bad");
    for (String split : List.of("train", "test")) {
      for (String c : List.of("a", "b")) {
        for (int i = 0; i < 3; i++) {
          writeRgb(images.resolve(split + "/" + c + "/" + i + ".png"), 14, c.equals("a") ? 0x808080 : 0x202020, i);
        }
      }
    }
    Path truncated = images.resolve("train/b/1.png");
    byte[] whole = Files.readAllBytes(truncated);
    Files.write(truncated, java.util.Arrays.copyOf(whole, whole.length / 2));
    Path run = tmp.resolve("skipping");
    List<String> args = new ArrayList<>(List.of("train", "--set", "data=image-folder", "--data", images.toString(),
        "--set", "data.skip-bad-images=true", "--set", "train.steps=2", "--out", run.toString()));
    args.addAll(TINY);
    args.addAll(List.of("--set", "train.batch-size=4"));
    CliEndToEndTest.Outcome o = cli(args.toArray(String[]::new));
    assertThat(o.code()).as(o.err()).isZero();
    assertThat(o.err()).contains("skipped 1 image(s) that cannot be decoded");
    assertThat(Files.readAllLines(run.resolve("skipped-images.txt"))).singleElement().asString()
        .startsWith(truncated + ": ");
    assertThat(summary(run).get("skipped_images").asInt()).isEqualTo(1);
  }

  private static Path train(String data, Path dir, Path out) {
    List<String> args = new ArrayList<>(List.of("train", "--set", "data=" + data, "--data", dir.toString(),
        "--set", "train.steps=8", "--out", out.toString()));
    args.addAll(TINY);
    CliEndToEndTest.Outcome o = cli(args.toArray(String[]::new));
    assertThat(o.code()).as(o.err()).isZero();
    return out;
  }

  private static List<Double> losses(Path run) throws IOException {
    return MetricsLog.read(run.resolve("metrics.jsonl")).stream().filter(n -> n.get("kind").asText().equals("train"))
        .map(n -> n.get("loss").asDouble()).toList();
  }

  private static JsonNode summary(Path run) throws IOException {
    return new ObjectMapper().readTree(run.resolve("summary.json").toFile());
  }

  private static String line(String yaml, String key) {
    return yaml.lines().filter(l -> l.startsWith(key)).findFirst().orElseThrow();
  }

  /** The split as IDX files ({@code prefix}-images/-labels) and as PNG class folders, both class by class. */
  private static void writeBoth(ImageDataset split, Path idx, String prefix, Path folders) throws IOException {
    List<Integer> order = IntStream.range(0, split.size()).boxed()
        .sorted(Comparator.comparingInt(split::label)).toList(); // stable: file order within a class
    Files.createDirectories(idx);
    try (DataOutputStream images = new DataOutputStream(Files.newOutputStream(idx.resolve(prefix + "-images-idx3-ubyte")));
        DataOutputStream labels = new DataOutputStream(Files.newOutputStream(idx.resolve(prefix + "-labels-idx1-ubyte")))) {
      images.writeInt(IdxReader.MAGIC_IMAGES);
      images.writeInt(order.size());
      images.writeInt(28);
      images.writeInt(28);
      labels.writeInt(IdxReader.MAGIC_LABELS);
      labels.writeInt(order.size());
      for (int n = 0; n < order.size(); n++) {
        int i = order.get(n);
        BufferedImage png = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
        for (int p = 0; p < 784; p++) {
          int v = Math.round(split.pixel(i, p) * 255);
          images.writeByte(v);
          png.getRaster().setSample(p % 28, p / 28, 0, v);
        }
        labels.writeByte(split.label(i));
        Path file = folders.resolve("c" + split.label(i) + "/" + String.format("%05d.png", n));
        Files.createDirectories(file.getParent());
        ImageIO.write(png, "png", file.toFile());
      }
    }
  }

  /** A noisy square of one colour, as PNG or JPEG by the file's extension. */
  private static void writeRgb(Path file, int size, int rgb, long seed) throws IOException {
    BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
    Random random = new Random(seed);
    for (int y = 0; y < size; y++) {
      for (int x = 0; x < size; x++) {
        int noise = random.nextInt(40);
        int r = Math.min(255, ((rgb >> 16) & 0xFF) + noise);
        int g = Math.min(255, ((rgb >> 8) & 0xFF) + noise);
        int b = Math.min(255, (rgb & 0xFF) + noise);
        image.setRGB(x, y, (r << 16) | (g << 8) | b);
      }
    }
    Files.createDirectories(file.getParent());
    String name = file.getFileName().toString();
    ImageIO.write(image, name.endsWith(".png") ? "png" : "jpeg", file.toFile());
  }
}
