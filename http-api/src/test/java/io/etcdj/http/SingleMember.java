package io.etcdj.http;

import java.nio.file.Path;

/** One member serving on ports the OS picked, with the advertised URLs the recorded fixtures name. */
final class SingleMember {
  private SingleMember() {}

  static EtcdjServer start(Path dir, String... moreFlags) {
    java.util.List<String> flags = new java.util.ArrayList<>(java.util.List.of("--data-dir", dir.resolve("data").toString(),
        "--listen-client-urls", "http://127.0.0.1:0", "--advertise-client-urls", "http://127.0.0.1:20379",
        "--listen-peer-urls", "http://127.0.0.1:0",
        "--initial-advertise-peer-urls", "http://127.0.0.1:20380", "--initial-cluster", "default=http://127.0.0.1:20380"));
    flags.addAll(java.util.List.of(moreFlags));
    return EtcdjServer.start(ServerConfig.parse(flags.toArray(String[]::new)));
  }
}
