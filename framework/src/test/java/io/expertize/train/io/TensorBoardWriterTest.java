package io.expertize.train.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.google.protobuf.ByteString;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.Event;
import org.tensorflow.proto.Summary;
import org.tensorflow.proto.SummaryMetadata;
import org.tensorflow.proto.TensorProto;
import org.tensorflow.proto.TensorShapeProto;
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
        .matches("events\\.out\\.tfevents\\.\\d+\\..+\\.v2");
    assertThat(EventFileReader.readScalars(files.get(0)))
        .extracting(ScalarEvent::tag, ScalarEvent::step, ScalarEvent::value)
        .containsExactly(
            tuple("loss", 1L, 2.5f),
            tuple("loss", 2L, 1.25f),
            tuple("lr", 2L, 1e-3f),
            tuple("train/acc", 300L, 0.1f));
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
    Files.write(file, Arrays.copyOf(bytes, bytes.length - 3));

    assertThatThrownBy(() -> EventFileReader.readScalars(file))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("truncated");
  }

  @Test
  void readsTensorEncodedScalars() throws IOException {
    // TF2 stores scalars as rank-0 tensors tagged with the scalars plugin: Python's writer in
    // float_val, the C++ WriteSummary op packed in tensor_content.
    TensorProto listed = scalarTensor(DataType.DT_FLOAT).addFloatVal(0.75f).build();
    TensorProto packed =
        scalarTensor(DataType.DT_DOUBLE)
            .setTensorContent(
                ByteString.copyFrom(
                    ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putDouble(0.5).array()))
            .build();
    Path file = dir.resolve("events.out.tfevents.1.host.v2");
    try (var out = Files.newOutputStream(file)) {
      out.write(frame(tensorEvent("loss", 42, listed).toByteArray()));
      out.write(frame(tensorEvent("acc", 43, packed).toByteArray()));
    }

    assertThat(EventFileReader.readScalars(file))
        .containsExactly(
            new ScalarEvent("loss", 42, 0.75f, 1.0), new ScalarEvent("acc", 43, 0.5f, 1.0));
  }

  private static TensorProto.Builder scalarTensor(DataType type) {
    return TensorProto.newBuilder()
        .setDtype(type)
        .setTensorShape(TensorShapeProto.getDefaultInstance());
  }

  private static Event tensorEvent(String tag, long step, TensorProto tensor) {
    var plugin = SummaryMetadata.PluginData.newBuilder().setPluginName("scalars");
    var value =
        Summary.Value.newBuilder()
            .setTag(tag)
            .setMetadata(SummaryMetadata.newBuilder().setPluginData(plugin))
            .setTensor(tensor);
    return Event.newBuilder()
        .setStep(step)
        .setWallTime(1.0)
        .setSummary(Summary.newBuilder().addValue(value))
        .build();
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
