package io.etcdj.bench;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/** One server endpoint to load: where to connect and what to put in the Host header. */
record Target(String host, int port) {

  String hostHeader() { return host + ":" + port; }

  static Target parse(String url) {
    URI u = URI.create(url.trim());
    if (u.getHost() == null) throw new IllegalArgumentException("not an http URL: " + url);
    if (u.getScheme() != null && !u.getScheme().equals("http")) {
      throw new IllegalArgumentException("only http:// endpoints are supported: " + url);
    }
    return new Target(u.getHost(), u.getPort() < 0 ? 80 : u.getPort());
  }

  /** A comma-separated list of URLs. */
  static List<Target> parseList(String urls) {
    List<Target> out = new ArrayList<>();
    for (String part : urls.split(",")) {
      if (!part.isBlank()) out.add(parse(part));
    }
    if (out.isEmpty()) throw new IllegalArgumentException("no endpoint given");
    return out;
  }

  @Override public String toString() { return "http://" + hostHeader(); }
}
