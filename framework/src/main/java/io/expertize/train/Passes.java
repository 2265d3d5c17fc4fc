package io.expertize.train;

import io.expertize.graph.ForwardContext;
import org.tensorflow.op.Ops;

/**
 * Where a task builds its part of a training graph: the root scope (input placeholders), the
 * training pass (scope {@code train}: dropout on, randomness keyed on the step, experts in place) and
 * the inference pass (scope {@code eval}), both over the same variables.
 */
public record Passes(Ops tf, ForwardContext training, ForwardContext inference) {}
