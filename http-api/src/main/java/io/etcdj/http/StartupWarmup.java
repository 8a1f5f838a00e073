package io.etcdj.http;

/**
 * Most of the time from launch to a healthy member is class loading and initialisation, and
 * native-library loading (from the class-data archive and the unpacked library bin/etcdj passes
 * when it has them, see {@link StartupTraining}). These independent pieces are started on
 * daemon threads while the main thread sets up the member; the main thread later simply finds
 * them initialised (JVM class initialisation makes it wait for, never repeat, work in progress).
 */
final class StartupWarmup {
  private StartupWarmup() {}

  static void begin() {
    // Netty 4.2 describes its buffer allocations as JFR events whenever the JDK has JFR: the first
    // allocation (the first request) then initialises JFR's event metadata, some 100 classes and
    // generated handlers, although no recording runs. Off unless asked for with
    // -Dio.netty.jfr.enabled=true (set before any Netty class reads it).
    if (System.getProperty("io.netty.jfr.enabled") == null) {
      System.setProperty("io.netty.jfr.enabled", "false");
    }
    warm("etcdj-warmup-rocksdb", () -> org.rocksdb.RocksDB.loadLibrary());
    warm("etcdj-warmup-netty", () -> {
      io.netty.channel.epoll.Epoll.isAvailable();
      new io.etcdj.http.keys.KeysServerCodec();
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
