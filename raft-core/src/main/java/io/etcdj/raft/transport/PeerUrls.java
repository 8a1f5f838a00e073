package io.etcdj.raft.transport;

import java.net.URI;
import java.util.List;

/**
 * A peer's advertised peer URLs and the one currently dialed (etcd's urlPicker): the first that
 * works is kept; a failed dial moves on to the next, round the list. Owned by the peer's event
 * loop.
 */
final class PeerUrls {
  private List<URI> urls;
  private int current;

  PeerUrls(List<URI> urls) {
    this.urls = List.copyOf(urls);
  }

  URI current() { return urls.get(current); }

  /** The dial to {@link #current()} failed: try the next URL next time. */
  void failed() { current = (current + 1) % urls.size(); }

  void replace(List<URI> newUrls) {
    urls = List.copyOf(newUrls);
    current = 0;
  }

  List<URI> all() { return urls; }
}
