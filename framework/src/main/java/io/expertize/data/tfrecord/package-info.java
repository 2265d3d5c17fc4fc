/**
 * TFRecord files of {@code tf.train.Example} ({@code data=tfrecord}), as TFDS and the TF Model Garden write
 * them: {@link io.expertize.data.tfrecord.TfRecordFile} reads the framing (gzip or not, both CRCs checked),
 * {@link io.expertize.data.tfrecord.ExampleImage} takes an encoded image and a label out of each Example, and
 * {@link io.expertize.data.tfrecord.TfRecordSource} decodes the images with the image folders' ops.
 */
package io.expertize.data.tfrecord;
