package io.etcdj.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Client TLS over real sockets: a member started with etcd's TLS flags, reached by the JDK's TLS
 * client trusting the test CA (as {@code curl --cacert}). What etcd 3.4.23 did with the same
 * flags and certificates is noted at each test.
 */
class TlsClientTest {
  @TempDir Path dir;

  private EtcdjServer start(String listen, String... tls) {
    String[] base = {"--data-dir", dir.resolve("data").toString(), "--listen-client-urls", listen,
        "--listen-peer-urls", "http://127.0.0.1:0",
        "--initial-advertise-peer-urls", "http://127.0.0.1:20380", "--initial-cluster", "default=http://127.0.0.1:20380"};
    return EtcdjServer.start(ServerConfig.parse(Stream.concat(Stream.of(base), Stream.of(tls)).toArray(String[]::new)));
  }

  private static String[] serverCert(String... more) {
    return Stream.concat(Stream.of("--cert-file", TlsFixtures.path("server.crt"), "--key-file",
        TlsFixtures.path("server.key")), Stream.of(more)).toArray(String[]::new);
  }

  @Test void aClientTrustingTheCaWritesAndReadsOverHttps() {
    try (EtcdjServer server = start("https://127.0.0.1:0", serverCert())) {
      URI url = server.clientUrls().get(0);
      assertThat(url.getScheme()).isEqualTo("https");
      TestHttp https = new TestHttp(url, TlsFixtures.client(null));
      assertThat(https.put("/v2/keys/a", "value=1").statusCode()).isEqualTo(201);
      HttpResponse<String> read = https.get("/v2/keys/a");
      assertThat(read.statusCode()).isEqualTo(200);
      assertThat(read.body()).contains("\"value\":\"1\"");
    }
  }

  @Test void pkcs1AndEcKeysServeAsPkcs8Does() {
    for (String[] pair : new String[][] {{"server.crt", "server-pkcs1.key"}, {"ec.crt", "ec.key"}}) {
      try (EtcdjServer server = start("https://127.0.0.1:0", "--cert-file", TlsFixtures.path(pair[0]),
          "--key-file", TlsFixtures.path(pair[1]))) {
        assertThat(new TestHttp(server.clientUrls().get(0), TlsFixtures.client(null)).get("/version").statusCode())
            .isEqualTo(200);
      }
    }
  }

  /** etcd 3.4.23: the connection closes without a byte ("tls: first record does not look like a TLS handshake"). */
  @Test void aPlainHttpRequestOnATlsPortIsClosedWithoutAnAnswer() throws IOException {
    try (EtcdjServer server = start("https://127.0.0.1:0", serverCert())) {
      URI url = server.clientUrls().get(0);
      String answer = RawHttp.untilClosed(URI.create("http://127.0.0.1:" + url.getPort()),
          "GET /v2/keys/a HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", false);
      assertThat(answer).isEmpty();
    }
  }

  /** etcd 3.4.23: "HTTP/1.1 400 Bad Request" with Go's text body, then a close, from Go's server inside TLS. */
  @Test void anUnparsableRequestInsideTlsGetsGosBadRequest() throws IOException {
    try (EtcdjServer server = start("https://127.0.0.1:0", serverCert())) {
      String answer = overTls(server.clientUrls().get(0), null, "garbage line\r\n\r\n");
      assertThat(answer).startsWith("HTTP/1.1 400 Bad Request\r\n").endsWith("\r\n\r\n400 Bad Request");
    }
  }

  /** etcd 3.4.23 with --trusted-ca-file alone: curl without --cert fails the handshake ("client didn't provide a certificate"). */
  @Test void underClientCertAuthAClientWithoutACertificateDoesNotGetIn() {
    try (EtcdjServer server = start("https://127.0.0.1:0",
        serverCert("--client-cert-auth", "--trusted-ca-file", TlsFixtures.path("ca.crt")))) {
      URI url = server.clientUrls().get(0);
      assertThatThrownBy(() -> new TestHttp(url, TlsFixtures.client(null)).get("/v2/keys/"))
          .isInstanceOf(UncheckedIOException.class);
      assertThatThrownBy(() -> new TestHttp(url, TlsFixtures.client("rogue-client")).get("/v2/keys/"))
          .isInstanceOf(UncheckedIOException.class);
      assertThat(new TestHttp(url, TlsFixtures.client("client")).get("/v2/keys/").statusCode()).isEqualTo(200);
    }
  }

  @Test void aTrustedCaAloneAsksForClientCertificatesAsEtcdDoes() {
    try (EtcdjServer server = start("https://127.0.0.1:0", serverCert("--trusted-ca-file", TlsFixtures.path("ca.crt")))) {
      URI url = server.clientUrls().get(0);
      assertThatThrownBy(() -> new TestHttp(url, TlsFixtures.client(null)).get("/version"))
          .isInstanceOf(UncheckedIOException.class);
      assertThat(new TestHttp(url, TlsFixtures.client("client")).get("/version").statusCode()).isEqualTo(200);
    }
  }

  /** etcd 3.3's -ca-file (python-etcd's tests start etcd with it): a trusted CA with client-cert-auth. */
  @Test void theDeprecatedCaFileFlagMeansTrustedCaWithClientCertAuth() {
    ServerConfig config = ServerConfig.parse("--listen-client-urls", "https://127.0.0.1:0", "-ca-file",
        TlsFixtures.path("ca.crt"), "--cert-file", "c", "--key-file", "k");
    assertThat(config.clientTls().trustedCaFile()).isEqualTo(TlsFixtures.path("ca.crt"));
    assertThat(config.clientTls().clientCertAuth()).isTrue();
    try (EtcdjServer server = start("https://127.0.0.1:0", serverCert("-ca-file", TlsFixtures.path("ca.crt")))) {
      URI url = server.clientUrls().get(0);
      assertThatThrownBy(() -> overTls(url, null, "GET /version HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"))
          .isInstanceOf(IOException.class);
      assertThat(new TestHttp(url, TlsFixtures.client("client")).get("/version").statusCode()).isEqualTo(200);
    }
  }

  @Test void mixedHttpAndHttpsListenUrlsAreEachServedAsAsked() throws IOException {
    try (EtcdjServer server = start("http://127.0.0.1:0,https://127.0.0.1:0", serverCert())) {
      URI plain = server.clientUrls().get(0);
      URI secure = server.clientUrls().get(1);
      assertThat(plain.getScheme()).isEqualTo("http");
      assertThat(new TestHttp(plain).put("/v2/keys/m", "value=x").statusCode()).isEqualTo(201);
      assertThat(new TestHttp(secure, TlsFixtures.client(null)).get("/v2/keys/m").body()).contains("\"value\":\"x\"");
      assertThat(RawHttp.untilClosed(URI.create("http://127.0.0.1:" + secure.getPort()),
          "GET /v2/keys/m HTTP/1.1\r\nHost: x\r\n\r\n", false)).isEmpty();
    }
  }

  /**
   * Without --cipher-suites, Go 1.19's TLS 1.2 defaults: openssl s_client offered each suite to
   * etcd 3.4.23, which took ChaCha20 and AES-GCM but refused CBC-SHA256 and TLS 1.1.
   */
  @Test void tls12SuitesAreGosDefaults() throws IOException {
    try (EtcdjServer server = start("https://127.0.0.1:0", serverCert())) {
      URI url = server.clientUrls().get(0);
      String request = "GET /version HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
      for (String taken : new String[] {"TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
          "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "TLS_RSA_WITH_AES_128_CBC_SHA"}) {
        assertThat(overTls(url, "TLSv1.2", taken, request)).startsWith("HTTP/1.1 200 OK");
      }
      assertThatThrownBy(() -> overTls(url, "TLSv1.2", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256", request))
          .isInstanceOf(IOException.class);
    }
  }

  /** --cipher-suites limits TLS 1.2's suites, as Go's CipherSuites does; TLS 1.3 is untouched. */
  @Test void cipherSuitesLimitWhatTls12ClientsMayUse() throws IOException {
    try (EtcdjServer server = start("https://127.0.0.1:0",
        serverCert("--cipher-suites", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"))) {
      URI url = server.clientUrls().get(0);
      String request = "GET /version HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
      assertThat(overTls(url, "TLSv1.2", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", request)).startsWith("HTTP/1.1 200 OK");
      assertThatThrownBy(() -> overTls(url, "TLSv1.2", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", request))
          .isInstanceOf(IOException.class);
      assertThat(overTls(url, "TLSv1.3", "TLS_AES_128_GCM_SHA256", request)).startsWith("HTTP/1.1 200 OK");
    }
  }

  /** etcd writes cert.pem and key.pem under <data-dir>/fixtures/client and serves with them. */
  @Test void autoTlsMakesASelfSignedCertificateUnderTheDataDir() throws IOException {
    try (EtcdjServer server = start("https://127.0.0.1:0", "--auto-tls")) {
      Path fixtures = dir.resolve("data").resolve("fixtures").resolve("client");
      assertThat(fixtures.resolve("cert.pem")).isRegularFile();
      assertThat(Files.readString(fixtures.resolve("key.pem"))).startsWith("-----BEGIN EC PRIVATE KEY-----");
      assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(fixtures.resolve("key.pem"))))
          .isEqualTo("rw-------");
      URI url = server.clientUrls().get(0);
      String answer = overTls(url, null, "GET /version HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
      assertThat(answer).startsWith("HTTP/1.1 200 OK");
    }
  }

  /** Sends {@code request} over TLS (trusting any server when {@code context} is null) and reads until closed. */
  private static String overTls(URI url, javax.net.ssl.SSLContext context, String request) throws IOException {
    return overTls(url, context, null, null, request);
  }

  /** Over TLS with only {@code protocol} and {@code suite} offered. */
  private static String overTls(URI url, String protocol, String suite, String request) throws IOException {
    return overTls(url, TlsFixtures.client(null), protocol, suite, request);
  }

  private static String overTls(URI url, javax.net.ssl.SSLContext context, String protocol, String suite,
                                String request) throws IOException {
    javax.net.ssl.SSLContext tls = context != null ? context : trustingAll();
    try (Socket raw = new Socket(url.getHost(), url.getPort());
         SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket(raw, url.getHost(), url.getPort(), true)) {
      if (protocol != null) {
        socket.setEnabledProtocols(new String[] {protocol});
        socket.setEnabledCipherSuites(new String[] {suite});
      }
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      socket.getOutputStream().flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream received = new ByteArrayOutputStream();
      byte[] buffer = new byte[8192];
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        received.write(buffer, 0, n);
      }
      return received.toString(StandardCharsets.ISO_8859_1);
    }
  }

  private static javax.net.ssl.SSLContext trustingAll() {
    try {
      javax.net.ssl.SSLContext context = javax.net.ssl.SSLContext.getInstance("TLS");
      context.init(null, new javax.net.ssl.TrustManager[] {new javax.net.ssl.X509TrustManager() {
        @Override public void checkClientTrusted(java.security.cert.X509Certificate[] chain, String authType) { }
        @Override public void checkServerTrusted(java.security.cert.X509Certificate[] chain, String authType) { }
        @Override public java.security.cert.X509Certificate[] getAcceptedIssuers() {
          return new java.security.cert.X509Certificate[0];
        }
      }}, null);
      return context;
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
