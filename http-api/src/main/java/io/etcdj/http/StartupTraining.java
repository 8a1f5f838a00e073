package io.etcdj.http;

import io.etcdj.http.tls.TlsContexts;
import io.etcdj.http.tls.TlsInfo;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A training run for a fast launch, made once per jar by bin/etcdj:
 * {@code java -XX:ArchiveClassesAtExit=etcdj.jsa -cp etcdj.jar io.etcdj.http.StartupTraining DIR}.
 * It goes through what a launch goes through (flags, logging, a member of one on fresh data, the
 * first /health, a few keys requests, the TLS contexts a TLS member makes), so the JVM writes the classes it loaded into a class-data
 * archive at exit, and copies RocksDB's native library out of the jar into DIR, so that a launch
 * loads it in place instead of unpacking 15 MB into the temporary directory every time.
 */
public final class StartupTraining {
  private StartupTraining() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: StartupTraining DIR (where RocksDB's native library is copied)");
      System.exit(2);
    }
    copyRocksDbLibrary(Path.of(args[0]));
    Path data = Files.createTempDirectory("etcdj-training");
    try {
      serveOnce(data);
      makeTlsContexts(data);
    } finally {
      deleteTree(data);
    }
    System.exit(0); // the archive is written as the JVM exits
  }

  /** The library RocksDB would unpack on this platform, copied to dir under the name it loads by. */
  static Path copyRocksDbLibrary(Path dir) throws IOException {
    String name = org.rocksdb.util.Environment.getJniLibraryFileName("rocksdb");
    Files.createDirectories(dir);
    Path target = dir.resolve(name);
    try (InputStream in = StartupTraining.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IOException("no " + name + " in the jar for this platform");
      }
      Path partial = Files.createTempFile(dir, name, ".partial");
      Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
      Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
    return target;
  }

  private static void serveOnce(Path data) {
    EtcdjMain.Outcome outcome = EtcdjMain.configure(new String[] {"--name", "training",
        "--data-dir", data.resolve("member").toString(),
        "--listen-client-urls", "http://127.0.0.1:0", "--advertise-client-urls", "http://127.0.0.1:2379",
        "--listen-peer-urls", "http://127.0.0.1:0", "--initial-advertise-peer-urls", "http://127.0.0.1:2380",
        "--initial-cluster", "training=http://127.0.0.1:2380"}, Map.of(), System.out, System.err);
    org.slf4j.LoggerFactory.getLogger(StartupTraining.class).info("training run for a class-data archive");
    StartupWarmup.begin();
    try (EtcdjServer server = EtcdjServer.start(outcome.config())) {
      URI url = server.clientUrls().get(0);
      for (int attempt = 0; attempt < 100 && !request(url, "GET", "/health").contains("\"true\""); attempt++) {
        Thread.onSpinWait();
      }
      for (String[] call : List.of(
          new String[] {"PUT", "/v2/keys/training/a?value=1"},
          new String[] {"PUT", "/v2/keys/training/b?value=2&ttl=60"},
          new String[] {"GET", "/v2/keys/training/a"},
          new String[] {"GET", "/v2/keys/training?recursive=true&sorted=true"},
          new String[] {"GET", "/v2/keys/training?wait=true&recursive=true&waitIndex=1"},
          new String[] {"GET", "/v2/keys/training/a?quorum=true"},
          new String[] {"DELETE", "/v2/keys/training/a"},
          new String[] {"GET", "/v2/members"},
          new String[] {"GET", "/v2/stats/self"},
          new String[] {"GET", "/version"},
          new String[] {"GET", "/health"})) {
        request(url, call[0], call[1]);
      }
    }
  }

  /**
   * What a TLS member loads before it serves (PEM parsing, an auto-tls certificate, the engine's
   * server and client contexts), so that those classes are in the archive too: about 0.3 s of
   * a TLS member's launch otherwise.
   */
  private static void makeTlsContexts(Path data) {
    List<URI> urls = List.of(URI.create("https://127.0.0.1:2379"));
    TlsInfo info = TlsContexts.resolve(new TlsInfo("", "", "", false, true, false, List.of()), data, urls, true);
    TlsContexts.server(info);
    TlsContexts.client(info);
  }

  /** One HTTP/1.1 request on its own connection; the whole answer, or "" if it failed. */
  private static String request(URI url, String method, String target) {
    try (Socket socket = new Socket(url.getHost(), url.getPort())) {
      OutputStream out = socket.getOutputStream();
      out.write((method + " " + target + " HTTP/1.1\r\nHost: " + url.getHost() + "\r\nConnection: close\r\n"
          + "Content-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
