package io.expertize.distributed;

import io.expertize.graph.GraphDevices;
import java.lang.reflect.Constructor;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.internal.c_api.TF_Session;
import org.tensorflow.internal.c_api.TF_SessionOptions;
import org.tensorflow.internal.c_api.TF_Status;
import org.tensorflow.internal.c_api.global.tensorflow;

/**
 * What TF Java 1.1.0 does not expose for the gRPC runtime, reached through its public C API bindings
 * : a {@link Session} against a {@code grpc://} master (TF Java has no public constructor taking a
 * target; its package-private {@code Session(Graph, TF_Session)} wraps one made by {@code TF_NewSession}).
 */
public final class GrpcSessions {
  private GrpcSessions() {}

  /** A session on {@code graph} whose master is the TensorFlow server at {@code target} ({@code grpc://host:port}). */
  public static Session open(Graph graph, String target) {
    TF_SessionOptions options = tensorflow.TF_NewSessionOptions();
    TF_Status status = tensorflow.TF_NewStatus();
    try {
      tensorflow.TF_SetTarget(options, target);
      TF_Session handle = tensorflow.TF_NewSession(GraphDevices.nativeGraph(graph), options, status);
      if (tensorflow.TF_GetCode(status) != tensorflow.TF_OK) {
        throw new IllegalStateException("cannot open a session on " + target + ": " + tensorflow.TF_Message(status).getString());
      }
      Constructor<Session> c = Session.class.getDeclaredConstructor(Graph.class, TF_Session.class);
      c.setAccessible(true);
      return c.newInstance(graph, handle);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("TF Java's Session(Graph, TF_Session) constructor is not reachable: " + e, e);
    } finally {
      tensorflow.TF_DeleteSessionOptions(options);
      tensorflow.TF_DeleteStatus(status);
    }
  }

}
