package io.expertize.data.tfrecord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.expertize.data.DataException;
import io.expertize.data.DataRequest;
import io.expertize.data.DatasetInfo;
import io.expertize.data.DatasetSplits;
import io.expertize.data.ImageShape;
import io.expertize.data.folder.ImageFiles;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.proto.BytesList;
import org.tensorflow.proto.Feature;
import org.tensorflow.proto.Int64List;

class TfRecordSourceTest {
  private final TfRecordSource source = new TfRecordSource();
  @TempDir Path dir;

  @Test
  void examplesWrittenByTensorFlowLoadWithTheirLabelsAndTheImagesExactPixels() throws IOException {
    List<BufferedImage> images = new ArrayList<>();
    List<byte[]> train = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      Path png = dir.resolve("png/" + i + ".png");
      images.add(ImageFiles.write(png, 8, 8, 1, i));
      train.add(TfRecordFixtures.example(Files.readAllBytes(png), i % 3));
    }
    // TFDS's names: a plain training shard, a gzip-compressed test shard (found by its magic bytes)
    TfRecordFixtures.write(dir.resolve("mnist-train.tfrecord-00000-of-00001"), train, false);
    TfRecordFixtures.write(dir.resolve("mnist-test.tfrecord-00000-of-00001"), train.subList(0, 3), true);
    assertThat(Files.readAllBytes(dir.resolve("mnist-test.tfrecord-00000-of-00001"))[0]).isEqualTo((byte) 0x1f);

    DataRequest request = DataRequest.of(dir);
    DatasetInfo info = source.describe(request);
    assertThat(info).isEqualTo(new DatasetInfo(new ImageShape(8, 8, 1), List.of("0", "1", "2")));
    DatasetSplits splits = source.load(request, info);
    assertThat(IntStream.range(0, 6).map(splits.train()::label)).containsExactly(0, 1, 2, 0, 1, 2);
    assertThat(IntStream.range(0, 3).map(splits.test()::label)).containsExactly(0, 1, 2);
    for (int p = 0; p < 64; p++) {
      assertThat(splits.train().pixel(4, p)).isEqualTo(images.get(4).getRaster().getSample(p % 8, p / 8, 0) / 255f);
    }

    DatasetInfo named = source.describe(request.withClasses(List.of("a", "b", "c", "d")));
    assertThat(named.classNames()).containsExactly("a", "b", "c", "d");
    assertThatThrownBy(() -> source.describe(request.withClasses(List.of("a", "b"))))
        .isInstanceOf(DataException.class).hasMessageContaining("record 2: label 2 but data.classes names only 2");
  }

  @Test
  void otherFeatureNamesGlobsAndForcedCompressionAreTakenFromTheOptions() throws IOException {
    Path png = dir.resolve("a.png");
    ImageFiles.write(png, 6, 6, 3, 1);
    byte[] bytes = Files.readAllBytes(png);
    List<byte[]> records = List.of(TfRecordFixtures.example("jpeg", bytes, "cls", 1),
        TfRecordFixtures.example("jpeg", bytes, "cls", 0));
    TfRecordFixtures.write(dir.resolve("shards/part-a.rec"), records, true);
    TfRecordFixtures.write(dir.resolve("shards/part-b.rec"), records, true);
    TfRecordFixtures.write(dir.resolve("held/out.rec"), records, true);
    DataRequest request = DataRequest.of(dir).withOption("data.train-files", "shards/part-*.rec")
        .withOption("data.test-files", dir.resolve("held/*.rec").toString()).withOption("data.image-feature", "jpeg")
        .withOption("data.label-feature", "cls").withOption("data.compression", "gzip").withImageSize(4);
    DatasetInfo info = source.describe(request);
    assertThat(info).isEqualTo(new DatasetInfo(new ImageShape(4, 4, 3), List.of("0", "1")));
    DatasetSplits splits = source.load(request, info);
    assertThat(splits.train().size()).isEqualTo(4);
    assertThat(splits.test().size()).isEqualTo(2);

    assertThatThrownBy(() -> source.describe(request.withOption("data.compression", "none")))
        .isInstanceOf(DataException.class).hasMessageContaining(dir.resolve("shards/part-a.rec") + ", record 0: the CRC "
            + "of the record's length does not match");
    assertThatThrownBy(() -> source.describe(request.withOption("data.train-files", "shards/*.tfrecord")))
        .isInstanceOf(DataException.class)
        .hasMessageContaining("data.train-files = shards/*.tfrecord: no file in " + dir.resolve("shards"));
  }

  @Test
  void aCorruptRecordIsNamedByFileAndIndex() throws IOException {
    Path png = dir.resolve("a.png");
    ImageFiles.write(png, 4, 4, 1, 1);
    byte[] example = TfRecordFixtures.example(Files.readAllBytes(png), 0);
    Path train = TfRecordFixtures.write(dir.resolve("train.tfrecord"), List.of(example, example, example), false);
    TfRecordFixtures.write(dir.resolve("test.tfrecord"), List.of(example), false);
    byte[] bytes = Files.readAllBytes(train);
    int record = 12 + example.length + 4; // record 1's framing starts here
    bytes[record + 12 + 20] ^= 0x40; // a bit of its data
    Files.write(train, bytes);
    assertThatThrownBy(() -> source.describe(DataRequest.of(dir))).isInstanceOf(DataException.class)
        .hasMessage(train + ", record 1: the CRC of the record's data does not match (the file is corrupt)");

    Files.write(train, java.util.Arrays.copyOf(bytes, record + 30));
    assertThatThrownBy(() -> source.describe(DataRequest.of(dir))).isInstanceOf(DataException.class)
        .hasMessageContaining(train + ", record 1: the file ends inside the record");
  }

  @Test
  void aMissingFeatureIsNamedWithTheFeaturesTheExampleHas() throws IOException {
    byte[] unlabelled = TfRecordFixtures.exampleOf(Map.of(
        "image/encoded", Feature.newBuilder().setBytesList(BytesList.newBuilder().addValue(ByteString.copyFromUtf8("x"))).build(),
        "label", Feature.newBuilder().setInt64List(Int64List.newBuilder().addValue(1)).build()));
    Path train = TfRecordFixtures.write(dir.resolve("train.tfrecord"), List.of(unlabelled), false);
    TfRecordFixtures.write(dir.resolve("test.tfrecord"), List.of(unlabelled), false);
    assertThatThrownBy(() -> source.describe(DataRequest.of(dir))).isInstanceOf(DataException.class)
        .hasMessage(train + ", record 0: no feature 'image/class/label'; the Example has [image/encoded, label]: name "
            + "the right one with data.label-feature");
  }

  @Test
  void noRecordsNoFilesAndUndecodableImagesAreErrors() throws IOException {
    Path empty = Files.write(dir.resolve("train.tfrecord"), new byte[0]); // what the writer makes of no records
    assertThatThrownBy(() -> source.describe(DataRequest.of(dir))).isInstanceOf(DataException.class)
        .hasMessageContaining("no TFRecord files in " + dir + " whose names contain test or val");
    TfRecordFixtures.write(dir.resolve("val.tfrecord"), List.of(TfRecordFixtures.example(new byte[] {1, 2, 3}, 0)), false);
    assertThatThrownBy(() -> source.describe(DataRequest.of(dir))).isInstanceOf(DataException.class)
        .hasMessageContaining(empty + " holds no records; expected TFRecord files of tf.train.Example");

    TfRecordFixtures.write(empty, List.of(TfRecordFixtures.example(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, 0)), false);
    assertThatThrownBy(() -> source.describe(DataRequest.of(dir))).isInstanceOf(DataException.class)
        .hasMessageContaining("cannot decode " + empty + ", record 0: ");
    DataRequest recorded = DataRequest.of(dir).withImageSize(4).withChannels(1).withClasses(List.of("a"));
    DatasetInfo info = source.describe(recorded); // a recorded run's shape and classes: nothing decoded yet
    assertThatThrownBy(() -> source.load(recorded, info)).isInstanceOf(DataException.class)
        .hasMessageContaining("cannot decode " + empty + ", record 0: ");
    assertThatThrownBy(() -> source.describe(DataRequest.of(dir.resolve("absent")))).isInstanceOf(DataException.class)
        .hasMessageContaining("data directory not found: " + dir.resolve("absent"));
  }

  @Test
  void undecodableImagesAreSkippedAndListedWhenAsked() throws IOException {
    Path png = dir.resolve("a.png");
    ImageFiles.write(png, 4, 4, 1, 1);
    byte[] good = Files.readAllBytes(png);
    byte[] truncated = java.util.Arrays.copyOf(good, good.length / 2);
    Path train = TfRecordFixtures.write(dir.resolve("train.tfrecord"), List.of(TfRecordFixtures.example(good, 0),
        TfRecordFixtures.example(truncated, 1), TfRecordFixtures.example(good, 1)), false);
    TfRecordFixtures.write(dir.resolve("test.tfrecord"), List.of(TfRecordFixtures.example(good, 0)), false);
    DataRequest request = DataRequest.of(dir);
    DatasetInfo info = source.describe(request);
    assertThatThrownBy(() -> source.load(request, info)).isInstanceOf(DataException.class)
        .hasMessageContaining("cannot decode " + train + ", record 1: ");
    DatasetSplits splits = source.load(request.withSkipBadImages(true), info);
    assertThat(IntStream.range(0, splits.train().size()).map(splits.train()::label)).containsExactly(0, 1);
    assertThat(splits.skipped()).singleElement().asString().startsWith(train + ", record 1: ");
  }
}
