package io.etcdj.http;

/**
 * A fresh member must serve within about a second of launch, and most of that second is class
 * loading and native-library extraction. These independent pieces are started on daemon threads
 * while the main thread parses flags; the main thread later simply finds them initialised (JVM
 * class initialisation makes it wait for, never repeat, work in progress).
 */
final class StartupWarmup {
  private StartupWarmup() {}

  static void begin() {
    warm("etcdj-warmup-rocksdb", () -> org.rocksdb.RocksDB.loadLibrary());
    warm("etcdj-warmup-netty", () -> {
      io.netty.channel.epoll.Epoll.isAvailable();
      new io.netty.handler.codec.http.HttpServerCodec();
    });
    warm("etcdj-warmup-metrics", () -> {
      new io.etcdj.server.ServerMetrics();
      new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
    });
  }

  private static void warm(String name, Runnable work) {
    Thread thread = new Thread(() -> {
      try {
        work.run();
      } catch (Throwable ignored) {
        // the main thread will meet the same failure and report it
      }
    }, name);
    thread.setDaemon(true);
    thread.start();
  }
}
