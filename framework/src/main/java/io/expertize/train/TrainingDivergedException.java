package io.expertize.train;

/** The loss became NaN or infinite; the run stopped without writing a checkpoint of that state. */
public class TrainingDivergedException extends RuntimeException {
  public TrainingDivergedException(String message) {
    super(message);
  }
}
