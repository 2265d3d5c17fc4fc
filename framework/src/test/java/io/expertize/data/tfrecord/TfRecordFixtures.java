package io.expertize.data.tfrecord;

import com.google.protobuf.ByteString;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.data.DatasetToTfRecord;
import org.tensorflow.op.data.TensorSliceDataset;
import org.tensorflow.proto.BytesList;
import org.tensorflow.proto.Example;
import org.tensorflow.proto.Feature;
import org.tensorflow.proto.Features;
import org.tensorflow.proto.Int64List;
import org.tensorflow.types.TString;

/** TFRecord fixtures written by TensorFlow's own writer op ({@code DatasetToTFRecord}, as tf.data writes them). */
public final class TfRecordFixtures {
  private TfRecordFixtures() {}

  /** An Example of one encoded image and its label under the given feature names. */
  public static byte[] example(String imageFeature, byte[] image, String labelFeature, long label) {
    return Example.newBuilder().setFeatures(Features.newBuilder()
        .putFeature(imageFeature, Feature.newBuilder()
            .setBytesList(BytesList.newBuilder().addValue(ByteString.copyFrom(image))).build())
        .putFeature(labelFeature, Feature.newBuilder()
            .setInt64List(Int64List.newBuilder().addValue(label)).build())
        .putFeature("image/format", Feature.newBuilder()
            .setBytesList(BytesList.newBuilder().addValue(ByteString.copyFromUtf8("png"))).build()))
        .build().toByteArray();
  }

  /** An Example under the TFDS / Model Garden names. */
  public static byte[] example(byte[] image, long label) {
    return example("image/encoded", image, "image/class/label", label);
  }

  /** An Example of arbitrary features (for missing-feature cases). */
  public static byte[] exampleOf(Map<String, Feature> features) {
    return Example.newBuilder().setFeatures(Features.newBuilder().putAllFeature(features)).build().toByteArray();
  }

  /** {@code records} as a TFRecord file; {@code gzip}: compressed as TFRecordOptions GZIP writes it. */
  public static Path write(Path file, List<byte[]> records, boolean gzip) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    try (Graph g = new Graph(); Session s = new Session(g);
        TString values = TString.tensorOfBytes(NdArrays.vectorOfObjects(records.toArray(byte[][]::new)))) {
      Ops tf = Ops.create(g);
      Operand<TString> slices = tf.constant(values);
      TensorSliceDataset dataset = tf.data.tensorSliceDataset(List.<Operand<?>>of(slices), List.of(Shape.scalar()));
      DatasetToTfRecord writer = tf.data.datasetToTfRecord(dataset, tf.constant(file.toString()),
          tf.constant(gzip ? "GZIP" : ""));
      s.runner().addTarget(writer).run();
    }
    return file;
  }
}
