package io.etcdj.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.etcdj.http.tls.TlsInfo;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** etcd's TLS flags and their ETCD_* variables, as ServerConfig reads them (files are read at start). */
class TlsFlagsTest {
  @Test void clientAndPeerFlagsAreReadIntoTheirSides() {
    ServerConfig config = ServerConfig.parse("--cert-file", "s.crt", "--key-file", "s.key", "--client-cert-auth",
        "--trusted-ca-file", "ca.crt", "--peer-cert-file", "p.crt", "--peer-key-file", "p.key",
        "--peer-client-cert-auth=true", "--peer-trusted-ca-file", "pca.crt");
    assertThat(config.clientTls()).isEqualTo(new TlsInfo("s.crt", "s.key", "ca.crt", true, false, false, List.of()));
    assertThat(config.peerTls()).isEqualTo(new TlsInfo("p.crt", "p.key", "pca.crt", true, false, false, List.of()));
    assertThat(config.peerClientSanCheck()).isTrue();
  }

  @Test void etcdVariablesFillTheTlsFlags() {
    Map<String, String> env = Map.of("ETCD_CERT_FILE", "s.crt", "ETCD_KEY_FILE", "s.key", "ETCD_CLIENT_CERT_AUTH", "true",
        "ETCD_LISTEN_CLIENT_URLS", "https://127.0.0.1:2379", "ETCD_PEER_AUTO_TLS", "true",
        "ETCD_EXPERIMENTAL_PEER_SKIP_CLIENT_SAN_VERIFICATION", "true");
    ServerConfig config = ServerConfig.parse(env);
    assertThat(config.clientTls().certFile()).isEqualTo("s.crt");
    assertThat(config.clientTls().clientCertAuth()).isTrue();
    assertThat(config.peerTls().autoTls()).isTrue();
    assertThat(config.peerClientSanCheck()).isFalse();
  }

  @Test void autoTlsAloneIsEnoughForAnHttpsUrl() {
    ServerConfig config = ServerConfig.parse("--listen-client-urls", "https://127.0.0.1:2379", "--auto-tls");
    assertThat(config.clientTls().autoTls()).isTrue();
    assertThat(config.clientTls().empty()).isTrue();
  }

  @Test void theDeprecatedPeerCaFileMeansPeerTrustedCaWithClientCertAuth() {
    ServerConfig config = ServerConfig.parse("--peer-ca-file", "pca.crt");
    assertThat(config.peerTls().trustedCaFile()).isEqualTo("pca.crt");
    assertThat(config.peerTls().clientCertAuth()).isTrue();
    assertThat(config.notes()).anyMatch(n -> n.contains("deprecated"));
  }

  /** etcd asks for client certificates when a trusted CA is set, client-cert-auth or not. */
  @Test void aTrustedCaAloneRequiresClientCertificates() {
    assertThat(ServerConfig.parse("--trusted-ca-file", "ca.crt").clientTls().requiresClientCert()).isTrue();
    assertThat(ServerConfig.parse("--cert-file", "c", "--key-file", "k").clientTls().requiresClientCert()).isFalse();
  }

  /** etcd 3.4.23: 'unexpected TLS cipher suite "TLS_FOO"', exit 1, TLS used or not. */
  @Test void anUnknownCipherSuiteIsRefusedWithEtcdsWords() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> ServerConfig.parse("--cipher-suites", "TLS_FOO"))
        .isInstanceOf(FlagException.class).hasMessage("unexpected TLS cipher suite \"TLS_FOO\"")
        .extracting(e -> ((FlagException) e).exitCode()).isEqualTo(1);
  }

  @Test void cipherSuitesTakeGoNamesAndEtcdsAliasesAndLimitTls12Only() {
    ServerConfig config = ServerConfig.parse("--cipher-suites",
        "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305,TLS_AES_128_GCM_SHA256, TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
    assertThat(config.clientTls().cipherSuites())
        .containsExactly("TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
    assertThat(config.peerTls().cipherSuites()).isEqualTo(config.clientTls().cipherSuites());
  }
}
