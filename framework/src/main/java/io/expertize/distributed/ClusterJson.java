package io.expertize.distributed;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A {@link ClusterSpec} as TF_CONFIG JSON, the format {@link ClusterSpecReader} reads. */
public final class ClusterJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ClusterJson() {}

  public static String write(ClusterSpec spec) {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode cluster = root.putObject("cluster");
    for (String job : ClusterSpec.JOBS) {
      spec.jobs().get(job).forEach(cluster.putArray(job)::add);
    }
    root.putObject("task").put("type", spec.self().job()).put("index", spec.self().index());
    return root.toPrettyString();
  }
}
