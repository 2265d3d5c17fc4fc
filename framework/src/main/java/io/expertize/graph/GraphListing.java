package io.expertize.graph;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.StringJoiner;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;

/**
 * A graph as plain lines, {@code name type [shape, ...]} per operation in creation order, so two
 * ways of building the same model (the generated and the reflective expert builder) can be compared
 * with a list equality and a readable diff.
 */
public final class GraphListing {
  private GraphListing() {}

  public static List<String> operations(Graph graph) {
    List<String> lines = new ArrayList<>();
    for (Iterator<GraphOperation> it = graph.operations(); it.hasNext(); ) {
      GraphOperation op = it.next();
      StringJoiner shapes = new StringJoiner(", ", "[", "]");
      for (int i = 0; i < op.numOutputs(); i++) {
        shapes.add(op.output(i).shape().toString());
      }
      lines.add(op.name() + " " + op.type() + " " + shapes);
    }
    return lines;
  }

  /** The variables of {@code store}: {@code name role shape} each, in declaration order. */
  public static List<String> variables(VariableStore store) {
    return store.all().stream()
        .map(v -> v.name() + " " + v.role() + " " + v.variable().shape())
        .toList();
  }
}
