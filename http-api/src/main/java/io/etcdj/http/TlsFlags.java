package io.etcdj.http;

import io.etcdj.http.tls.CipherSuites;
import io.etcdj.http.tls.TlsInfo;
import io.etcdj.http.tls.TlsMaterialException;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * etcd's client and peer TLS flags read into {@link TlsInfo}s, and the checks etcd makes before
 * it opens a listener: an {@code https://} URL needs a certificate and key (or auto-tls), and
 * both of them. The files themselves are read when the member starts
 * ({@link io.etcdj.http.tls.TlsContexts}).
 *
 * <p>{@code --ca-file} (and {@code --peer-ca-file}) are etcd 3.3's deprecated spelling of a
 * trusted CA with client-cert-auth; etcd 3.4 no longer knows them ("flag provided but not
 * defined: -ca-file"), but scripts and client test suites (python-etcd's) still start etcd so,
 * and etcdj takes them as etcd 3.3 did.
 */
final class TlsFlags {
  private TlsFlags() {}

  static TlsInfo client(Map<String, String> v) {
    return info(v, "", "ca-file", "trusted-ca-file", "client-cert-auth", "auto-tls");
  }

  static TlsInfo peer(Map<String, String> v) {
    return info(v, "peer-", "peer-ca-file", "peer-trusted-ca-file", "peer-client-cert-auth", "peer-auto-tls");
  }

  private static TlsInfo info(Map<String, String> v, String prefix, String caFlag, String trustedFlag,
                              String certAuthFlag, String autoFlag) {
    String deprecatedCa = v.getOrDefault(caFlag, "");
    String trustedCa = v.getOrDefault(trustedFlag, deprecatedCa);
    boolean certAuth = ServerConfig.parseBool(certAuthFlag, v.getOrDefault(certAuthFlag, "false"))
        || !deprecatedCa.isEmpty();
    List<String> suites;
    try {
      suites = CipherSuites.parse(v.getOrDefault("cipher-suites", ""));
    } catch (TlsMaterialException e) {
      throw new FlagException(e.getMessage(), 1); // etcd 3.4.23: 'unexpected TLS cipher suite "X"', exit 1
    }
    return new TlsInfo(v.getOrDefault(prefix + "cert-file", ""), v.getOrDefault(prefix + "key-file", ""), trustedCa,
        certAuth, ServerConfig.parseBool(autoFlag, v.getOrDefault(autoFlag, "false")), false, suites);
  }

  /** etcd's startClientListeners check, worded as etcd 3.4.23 prints it. */
  static void checkClient(List<URI> listenUrls, TlsInfo tls) {
    for (URI url : listenUrls) {
      if (url.getScheme().equals("https") && tls.empty() && !tls.autoTls()) {
        throw new FlagException("TLS key/cert (--cert-file, --key-file) must be provided for client url " + url
            + " with HTTPS scheme", 1);
      }
    }
    bothOrNeither(listenUrls, tls);
  }

  /** etcd's newTLSListener check on the peer listeners, worded as etcd 3.4.23 prints it. */
  static void checkPeer(List<URI> listenUrls, TlsInfo tls) {
    for (URI url : listenUrls) {
      if (url.getScheme().equals("https") && tls.empty() && !tls.autoTls()) {
        throw new FlagException("cannot listen on TLS for " + url.getHost() + ":" + url.getPort()
            + ": KeyFile and CertFile are not presented", 1);
      }
    }
    bothOrNeither(listenUrls, tls);
  }

  private static void bothOrNeither(List<URI> listenUrls, TlsInfo tls) {
    boolean tlsUsed = listenUrls.stream().anyMatch(u -> u.getScheme().equals("https"));
    if (tlsUsed && !tls.empty() && (tls.certFile().isEmpty() || tls.keyFile().isEmpty())) {
      throw new FlagException("KeyFile and CertFile must both be present[key: " + tls.keyFile() + ", cert: "
          + tls.certFile() + "]", 1);
    }
  }
}
