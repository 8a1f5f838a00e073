package io.etcdj.http.tls;

import java.util.List;

/**
 * What one side's TLS flags say (etcd's transport.TLSInfo): the client side's {@code --cert-file},
 * {@code --key-file}, {@code --trusted-ca-file}, {@code --client-cert-auth}, {@code --auto-tls},
 * or the same {@code --peer-*} flags. An empty string is a flag not given, as in etcd.
 * Immutable.
 *
 * @param cipherSuites {@code --cipher-suites} (both sides), TLS 1.2 IANA names; empty for Go's defaults
 * @param selfCert whether the certificate was made by auto-tls: a peer dialing with it does not
 *     verify the certificate it is shown (etcd's InsecureSkipVerify for self-signed certificates)
 */
public record TlsInfo(String certFile, String keyFile, String trustedCaFile, boolean clientCertAuth,
                      boolean autoTls, boolean selfCert, List<String> cipherSuites) {
  public TlsInfo {
    cipherSuites = List.copyOf(cipherSuites);
  }

  /** etcd's TLSInfo.Empty: neither certificate nor key named. */
  public boolean empty() { return certFile.isEmpty() && keyFile.isEmpty(); }

  /**
   * etcd asks for a client certificate when a trusted CA is given, even without client-cert-auth
   * (transport.TLSInfo.ServerConfig: {@code TrustedCAFile != "" || ClientCertAuth}).
   */
  public boolean requiresClientCert() { return clientCertAuth || !trustedCaFile.isEmpty(); }

  /** The same settings with auto-tls's generated certificate and key. */
  TlsInfo withSelfCert(String cert, String key) {
    return new TlsInfo(cert, key, trustedCaFile, clientCertAuth, autoTls, true, cipherSuites);
  }

  /** As etcd logs it: {@code cert = ..., key = ..., trusted-ca = ..., client-cert-auth = ...}. */
  @Override public String toString() {
    return "cert = " + certFile + ", key = " + keyFile + ", trusted-ca = " + trustedCaFile
        + ", client-cert-auth = " + clientCertAuth;
  }
}
