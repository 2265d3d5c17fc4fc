package io.expertize.distributed;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The warning for a task whose wildcard-bound port is open on a public interface address too. */
class ListeningExposureTest {
  @Test
  void aHostWithAPublicAddressIsWarnedOfItsOpenPort() throws Exception {
    List<InetAddress> exposed = List.of(InetAddress.getByName("203.0.113.7"));
    assertThat(ListeningExposure.warning(new TaskId("worker", 1), "10.0.0.2:2222", exposed)).hasValueSatisfying(w ->
        assertThat(w).contains("task worker:1 listens on port 2222 of every interface, also on 203.0.113.7",
            "no authentication", "firewall"));
  }

  @Test
  void aHostWithOnlyPrivateAddressesIsNot() {
    assertThat(ListeningExposure.warning(new TaskId("ps", 0), "127.0.0.1:2222", List.of())).isEmpty();
  }

  @Test
  void theInterfaceListHoldsNoLoopbackOrPrivateAddress() {
    assertThat(ListeningExposure.publicInterfaceAddresses()).noneMatch(ClusterSpecReader::isPrivate);
  }
}
