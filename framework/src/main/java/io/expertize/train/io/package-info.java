/**
 * What a training run leaves on disk: the run directory, {@code metrics.jsonl}, TensorBoard
 * event files written by TensorFlow's own summary ops, and atomic checkpoints.
 */
package io.expertize.train.io;
