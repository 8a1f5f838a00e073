package io.etcdj.http;

import java.nio.file.Path;

/** One member serving on ports the OS picked, with the advertised URLs the recorded fixtures name. */
final class SingleMember {
  private SingleMember() {}

  static EtcdjServer start(Path dir) {
    return EtcdjServer.start(ServerConfig.parse("--data-dir", dir.resolve("data").toString(),
        "--listen-client-urls", "http://127.0.0.1:0", "--advertise-client-urls", "http://127.0.0.1:20379",
        "--listen-peer-urls", "http://127.0.0.1:0",
        "--initial-advertise-peer-urls", "http://127.0.0.1:20380", "--initial-cluster", "default=http://127.0.0.1:20380"));
  }
}
