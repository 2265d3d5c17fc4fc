package io.expertize.train.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TensorBoardWriterTest {

  @TempDir Path dir;

  @Test
  void scalarsReadBackExactly() throws IOException {
    Path logDir = dir.resolve("tensorboard/train");
    try (TensorBoardWriter tb = TensorBoardWriter.open(logDir)) {
      tb.scalar("loss", 1, 2.5);
      tb.scalar("loss", 2, 1.25);
      tb.scalar("lr", 2, 1e-3);
      tb.scalar("train/acc", 300, 0.1);
    }

    List<Path> files = EventFileReader.eventFiles(logDir);
    assertThat(files).hasSize(1);
    assertThat(files.get(0).getFileName().toString())
        .matches("events\\.out\\.tfevents\\.\\d+\\..+");
    assertThat(EventFileReader.readScalars(files.get(0)))
        .extracting(ScalarEvent::tag, ScalarEvent::step, ScalarEvent::value)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("loss", 1L, 2.5f),
            org.assertj.core.groups.Tuple.tuple("loss", 2L, 1.25f),
            org.assertj.core.groups.Tuple.tuple("lr", 2L, 1e-3f),
            org.assertj.core.groups.Tuple.tuple("train/acc", 300L, 0.1f));
  }

  @Test
  void flushMakesScalarsVisibleBeforeClose() throws IOException {
    try (TensorBoardWriter tb = TensorBoardWriter.open(dir)) {
      tb.scalar("loss", 7, 3.0);
      tb.flush();
      assertThat(EventFileReader.readScalarsIn(dir))
          .singleElement()
          .satisfies(e -> assertThat(e.step()).isEqualTo(7))
          .satisfies(e -> assertThat(e.wallTime()).isPositive());
    }
  }

  @Test
  void twoWritersInOneDirectoryGetSeparateFiles() throws IOException {
    try (TensorBoardWriter a = TensorBoardWriter.open(dir);
        TensorBoardWriter b = TensorBoardWriter.open(dir)) {
      a.scalar("a", 1, 1);
      b.scalar("b", 1, 2);
    }
    assertThat(EventFileReader.eventFiles(dir)).hasSize(2);
    assertThat(EventFileReader.readScalarsIn(dir)).extracting(ScalarEvent::tag)
        .containsExactlyInAnyOrder("a", "b");
  }

  @Test
  void closedWriterRefusesWrites() {
    TensorBoardWriter tb = TensorBoardWriter.open(dir);
    tb.close();
    tb.close(); // idempotent
    assertThatThrownBy(() -> tb.scalar("loss", 1, 1)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void damagedRecordIsReportedWithFileName() throws IOException {
    try (TensorBoardWriter tb = TensorBoardWriter.open(dir)) {
      tb.scalar("loss", 1, 1);
    }
    Path file = EventFileReader.eventFiles(dir).get(0);
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length - 6] ^= 0x01; // inside the last record's payload
    Files.write(file, bytes);

    assertThatThrownBy(() -> EventFileReader.readScalars(file))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("data checksum");
  }

  @Test
  void truncatedFileIsReported() throws IOException {
    try (TensorBoardWriter tb = TensorBoardWriter.open(dir)) {
      tb.scalar("loss", 1, 1);
    }
    Path file = EventFileReader.eventFiles(dir).get(0);
    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 3));

    assertThatThrownBy(() -> EventFileReader.readScalars(file))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("truncated");
  }

  @Test
  void readsTensorEncodedScalars() throws IOException {
    // TF2's Python writer stores scalars as rank-0 tensors tagged with the scalars plugin.
    var value =
        org.tensorflow.proto.Summary.Value.newBuilder()
            .setTag("loss")
            .setMetadata(
                org.tensorflow.proto.SummaryMetadata.newBuilder()
                    .setPluginData(
                        org.tensorflow.proto.SummaryMetadata.PluginData.newBuilder()
                            .setPluginName("scalars")))
            .setTensor(
                org.tensorflow.proto.TensorProto.newBuilder()
                    .setDtype(org.tensorflow.proto.DataType.DT_FLOAT)
                    .setTensorShape(org.tensorflow.proto.TensorShapeProto.getDefaultInstance())
                    .addFloatVal(0.75f));
    var event =
        org.tensorflow.proto.Event.newBuilder()
            .setStep(42)
            .setWallTime(1.0)
            .setSummary(org.tensorflow.proto.Summary.newBuilder().addValue(value))
            .build();
    Path file = dir.resolve("events.out.tfevents.1.host.v2");
    Files.write(file, frame(event.toByteArray()));

    assertThat(EventFileReader.readScalars(file))
        .containsExactly(new ScalarEvent("loss", 42, 0.75f, 1.0));
  }

  /** TFRecord framing, written independently of the reader's code path except for the CRC. */
  private static byte[] frame(byte[] data) {
    ByteBuffer b = ByteBuffer.allocate(8 + 4 + data.length + 4).order(ByteOrder.LITTLE_ENDIAN);
    byte[] len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(data.length).array();
    b.put(len).putInt(TfRecordReader.maskedCrc32c(len, 0, 8));
    b.put(data).putInt(TfRecordReader.maskedCrc32c(data, 0, data.length));
    return b.array();
  }
}
