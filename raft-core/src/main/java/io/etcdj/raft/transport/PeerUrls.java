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

  /**
   * A dial to {@code url} failed: if it is still the current one, try the next URL next time.
   * Several lanes dial the same peer at once; when they all fail on the same dead URL, each
   * moving on would, with two URLs, bring them all back to it (etcd's urlPicker moves on only
   * from the URL that was picked).
   */
  void failed(URI url) {
    if (urls.get(current).equals(url)) {
      current = (current + 1) % urls.size();
    }
  }

  void replace(List<URI> newUrls) {
    urls = List.copyOf(newUrls);
    current = 0;
  }

  List<URI> all() { return urls; }
}
