package io.expertize.experiments.bench;

import io.expertize.nn.ImageClassifier;
import java.util.Random;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/**
 * One batch of random images (standard normal) and one-hot targets, plus the learning rate, made
 * once and fed to every step: no data pipeline is timed. Several {@link StepBench}es of models with
 * the same input may share one instance; its owner closes it after them.
 */
public final class BenchInputs implements AutoCloseable {
  private final int batch;
  final TFloat32 images;
  final TFloat32 targets;
  final TFloat32 learningRate;

  public BenchInputs(ImageClassifier model, int batch, long seed) {
    if (batch <= 0) {
      throw new IllegalArgumentException("batch must be positive, got " + batch);
    }
    this.batch = batch;
    Random random = new Random(seed);
    int s = model.imageSize();
    float[] pixels = new float[batch * s * s * model.channels()];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (float) random.nextGaussian();
    }
    float[] oneHot = new float[batch * model.numClasses()];
    for (int i = 0; i < batch; i++) {
      oneHot[i * model.numClasses() + random.nextInt(model.numClasses())] = 1f;
    }
    images = TFloat32.tensorOf(Shape.of(batch, s, s, model.channels()), DataBuffers.of(pixels, true, false));
    targets = TFloat32.tensorOf(Shape.of(batch, model.numClasses()), DataBuffers.of(oneHot, true, false));
    // Tiny rate: the weights move (the update is real work) but the loss stays finite however long we run.
    learningRate = TFloat32.scalarOf(1e-6f);
  }

  public int batch() {
    return batch;
  }

  @Override
  public void close() {
    images.close();
    targets.close();
    learningRate.close();
  }
}
