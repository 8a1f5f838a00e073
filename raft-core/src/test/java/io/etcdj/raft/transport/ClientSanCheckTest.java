package io.etcdj.raft.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.Test;

/** etcd's checkSAN on accepted peer connections: a client certificate's IP SANs must name the remote address. */
class ClientSanCheckTest {
  private static X509Certificate certificate(String name) throws IOException, CertificateException {
    try (InputStream in = ClientSanCheckTest.class.getResourceAsStream("/tls/" + name)) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
  }

  @Test void aCertificateNamingTheRemoteIpPasses() throws Exception {
    assertThat(ClientSanCheck.refusal(certificate("ip-only.crt"), InetAddress.getByName("127.0.0.1"))).isNull();
  }

  @Test void aCertificateNamingOtherIpsIsRefused() throws Exception {
    assertThat(ClientSanCheck.refusal(certificate("ip-only.crt"), InetAddress.getByName("10.9.8.7")))
        .isEqualTo("x509: certificate is valid for 127.0.0.1, not 10.9.8.7");
  }

  @Test void aCertificateWithoutSansPassesAsInEtcd() throws Exception {
    assertThat(ClientSanCheck.refusal(certificate("no-san.crt"), InetAddress.getByName("10.9.8.7"))).isNull();
  }
}
