package io.expertize.graph;

import java.lang.reflect.Field;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.internal.c_api.TF_Graph;
import org.tensorflow.internal.c_api.global.tensorflow;

/**
 * Device placement TF Java 1.1.0 does not expose: the requested device of an operation already in a
 * graph (the C API builds gradient ops without the device scope of the ops they differentiate), set
 * through the public C binding {@code TF_SetRequestedDevice}.
 */
public final class GraphDevices {
  private GraphDevices() {}

  /** Places {@code op} on {@code device} (e.g. {@code /job:worker/replica:0/task:1}). */
  public static void set(Graph graph, GraphOperation op, String device) {
    tensorflow.TF_SetRequestedDevice(nativeGraph(graph), op.getUnsafeNativeHandle(), device);
  }

  /** The graph's C handle (package-private in TF Java), for the C API calls TF Java does not wrap. */
  public static TF_Graph nativeGraph(Graph graph) {
    try {
      Field f = Graph.class.getDeclaredField("nativeHandle");
      f.setAccessible(true);
      return (TF_Graph) f.get(graph);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("TF Java's Graph.nativeHandle is not reachable: " + e, e);
    }
  }
}
