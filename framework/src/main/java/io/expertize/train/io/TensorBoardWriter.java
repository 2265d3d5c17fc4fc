package io.expertize.train.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.summary.CloseSummaryWriter;
import org.tensorflow.op.summary.FlushSummaryWriter;
import org.tensorflow.op.summary.SummaryWriter;
import org.tensorflow.op.summary.WriteScalarSummary;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;

/**
 * Writes scalars to a TensorBoard event file through TensorFlow's own summary ops, so the files
 * are exactly what TensorBoard expects. Owns a tiny Graph and Session of its own, apart from the
 * model's: one {@code scalar} call is one session run feeding step, tag and value placeholders.
 *
 * <p>Not for use after {@link #close()}; methods are synchronized so callbacks on different
 * threads may share one writer.
 */
public final class TensorBoardWriter implements AutoCloseable {

  /** Events queued before TF writes them out on its own; {@link #flush()} forces it. */
  private static final int MAX_QUEUE = 10;

  private static final int FLUSH_MILLIS = 30_000;

  private final Path logDir;
  private final Graph graph;
  private final Session session;
  private final Placeholder<TInt64> step;
  private final Placeholder<TString> tag;
  private final Placeholder<TFloat32> value;
  private final WriteScalarSummary writeScalar;
  private final FlushSummaryWriter flush;
  private final CloseSummaryWriter closeWriter;
  private boolean closed;

  private TensorBoardWriter(Path logDir) {
    this.logDir = logDir;
    this.graph = new Graph();
    try {
      Ops tf = Ops.create(graph);
      SummaryWriter writer = tf.summary.summaryWriter(SummaryWriter.sharedName("writer"));
      // TF names the file events.out.tfevents.<seconds>.<host>.<pid>.<per-process id><suffix>,
      // unique even for several writers on one directory; ".v2" as TF2's Python writer does.
      var create =
          tf.summary.createSummaryFileWriter(
              writer,
              tf.constant(logDir.toString()),
              tf.constant(MAX_QUEUE),
              tf.constant(FLUSH_MILLIS),
              tf.constant(".v2"));
      step = tf.placeholder(TInt64.class);
      tag = tf.placeholder(TString.class);
      value = tf.placeholder(TFloat32.class);
      writeScalar = tf.summary.writeScalarSummary(writer, step, tag, value);
      flush = tf.summary.flushSummaryWriter(writer);
      closeWriter = tf.summary.closeSummaryWriter(writer);
      session = new Session(graph);
      try {
        runTarget(create);
      } catch (RuntimeException e) {
        session.close();
        throw e;
      }
    } catch (RuntimeException e) {
      graph.close();
      throw e;
    }
  }

  /**
   * Opens a writer that creates a new event file in {@code logDir} (created if missing), e.g.
   * {@code RUN/tensorboard/train}.
   */
  public static TensorBoardWriter open(Path logDir) {
    try {
      Files.createDirectories(logDir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create TensorBoard directory " + logDir, e);
    }
    return new TensorBoardWriter(logDir.toAbsolutePath());
  }

  /** The directory the event file is in. */
  public Path logDir() {
    return logDir;
  }

  /** Records {@code value} (stored as float32, as TensorBoard does) under {@code tag}. */
  public synchronized void scalar(String tag, long step, double value) {
    ensureOpen();
    try (TInt64 s = TInt64.scalarOf(step);
        TString t = TString.scalarOf(tag);
        TFloat32 v = TFloat32.scalarOf((float) value);
        Result r =
            session
                .runner()
                .feed(this.step, s)
                .feed(this.tag, t)
                .feed(this.value, v)
                .addTarget(writeScalar)
                .run()) {
      // nothing to fetch: the op's effect is the write
    }
  }

  /** Writes queued events to disk so TensorBoard (or a reader) sees them now. */
  public synchronized void flush() {
    ensureOpen();
    runTarget(flush);
  }

  /** Flushes and closes the event file, then releases the session and graph. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      runTarget(flush);
      runTarget(closeWriter);
    } finally {
      session.close();
      graph.close();
    }
  }

  private void runTarget(Op op) {
    try (Result r = session.runner().addTarget(op).run()) {
      // target only
    }
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("TensorBoard writer for " + logDir + " is closed");
    }
  }
}
