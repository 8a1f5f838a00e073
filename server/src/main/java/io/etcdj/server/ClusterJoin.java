package io.etcdj.server;

import io.etcdj.raft.transport.PeerTransport;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a member started with {@code --initial-cluster-state existing} learns the cluster it joins
 * (etcd's GetClusterFromRemotePeers): it asks the other members of its {@code --initial-cluster}
 * at their peer URLs, one after another, until one answers or the request timeout has passed.
 */
final class ClusterJoin {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterJoin.class);
  private static final Duration ATTEMPT = Duration.ofSeconds(1);

  private ClusterJoin() {}

  static ClusterInfo fetch(MemberConfig config) {
    List<URI> urls = new ArrayList<>();
    config.initialCluster().forEach((name, peerUrls) -> {
      if (!name.equals(config.name())) {
        urls.addAll(peerUrls);
      }
    });
    if (urls.isEmpty()) {
      throw new IllegalStateException("--initial-cluster-state existing needs the running members in --initial-cluster");
    }
    long deadline = System.nanoTime() + config.requestTimeout().toNanos();
    String lastError = "no answer";
    do {
      for (URI url : urls) {
        try {
          byte[] answer = PeerTransport.fetchClusterInfo(url, config.peerSecurity(), ATTEMPT).get(ATTEMPT.toMillis() + 500, TimeUnit.MILLISECONDS);
          return ClusterInfo.decode(answer);
        } catch (ExecutionException | TimeoutException | IllegalArgumentException e) {
          lastError = url + ": " + (e.getCause() != null ? e.getCause() : e);
          LOG.debug("no cluster information from {}", lastError);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while asking peers about the cluster", e);
        }
      }
    } while (System.nanoTime() - deadline < 0);
    throw new IllegalStateException("could not retrieve cluster information from the given URLs (" + lastError + ")");
  }
}
