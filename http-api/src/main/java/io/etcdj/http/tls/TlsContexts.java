package io.etcdj.http.tls;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Netty SSL contexts from etcd's TLS flags, as etcd's transport.TLSInfo makes its tls.Config:
 * TLS 1.2 and 1.3 only (etcd 3.4 sets MinVersion TLS 1.2), Go's default TLS 1.2 cipher suites
 * unless {@code --cipher-suites} names others ({@link CipherSuites}), no ALPN (etcdj speaks HTTP/1.1; etcd offers h2,
 * clients fall back). Servers ask for a client certificate when a trusted CA or client-cert-auth
 * is set, and check it against the CA file (or the JDK's roots without one). Dialing peers check
 * the server's chain against the trusted CA (or the JDK's roots) and its name against the URL's
 * host, except for an auto-tls certificate, which no one could verify.
 *
 * <p>Engine: OpenSSL (BoringSSL from netty-tcnative) when its native library loads, the JDK's
 * otherwise; {@code -Detcdj.tls.engine=jdk} forces the JDK's (to compare them).
 */
public final class TlsContexts {
  private static final Logger LOG = LoggerFactory.getLogger(TlsContexts.class);
  private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};
  private static volatile SslProvider provider; // chosen once, on first use

  private TlsContexts() {}

  /** auto-tls first (when asked and no certificate was given), as etcd's ClientSelfCert/PeerSelfCert. */
  public static TlsInfo resolve(TlsInfo info, Path dataDir, List<URI> listenUrls, boolean peer) {
    if (!info.autoTls()) {
      return info;
    }
    if (!info.empty()) {
      LOG.warn("ignoring {} auto TLS since certs given", peer ? "peer" : "client");
      return info;
    }
    return AutoTls.selfCert(info, dataDir.resolve("fixtures").resolve(peer ? "peer" : "client"), listenUrls, peer);
  }

  /** The context a TLS listener serves with; throws {@link TlsMaterialException} for unusable files. */
  public static SslContext server(TlsInfo info) {
    PemFiles.KeyPair pair = PemFiles.keyPair(info.certFile(), info.keyFile());
    SslContextBuilder builder = SslContextBuilder.forServer(pair.key(), pair.chain())
        .sslProvider(provider())
        .protocols(PROTOCOLS);
    if (info.requiresClientCert()) {
      builder.clientAuth(ClientAuth.REQUIRE);
      if (!info.trustedCaFile().isEmpty()) {
        builder.trustManager(PemFiles.trustedCertificates(info.trustedCaFile()));
      }
    }
    return build(builder, info);
  }

  /** The context peers are dialed with: this member's certificate, and what it trusts. */
  public static SslContext client(TlsInfo info) {
    PemFiles.KeyPair pair = PemFiles.keyPair(info.certFile(), info.keyFile());
    SslContextBuilder builder = SslContextBuilder.forClient()
        .sslProvider(provider())
        .protocols(PROTOCOLS)
        .keyManager(pair.key(), pair.chain());
    if (info.selfCert()) {
      builder.trustManager(InsecureTrustManagerFactory.INSTANCE).endpointIdentificationAlgorithm(null);
    } else {
      builder.endpointIdentificationAlgorithm("HTTPS");
      if (!info.trustedCaFile().isEmpty()) {
        builder.trustManager(PemFiles.trustedCertificates(info.trustedCaFile()));
      }
    }
    return build(builder, info);
  }

  private static SslContext build(SslContextBuilder builder, TlsInfo info) {
    // suites this engine lacks (Go's insecure RC4 and 3DES ones) are dropped, not refused
    builder.ciphers(CipherSuites.forEngine(info.cipherSuites()), SupportedCipherSuiteFilter.INSTANCE);
    try {
      return builder.build();
    } catch (SSLException | IllegalArgumentException e) {
      throw new TlsMaterialException("tls: " + e.getMessage(), e);
    }
  }

  /** The engine every context uses, logged once. */
  public static SslProvider provider() {
    SslProvider chosen = provider;
    if (chosen == null) {
      synchronized (TlsContexts.class) {
        chosen = provider;
        if (chosen == null) {
          String asked = System.getProperty("etcdj.tls.engine", "auto").toLowerCase(Locale.ROOT);
          boolean openSsl = !asked.equals("jdk") && OpenSsl.isAvailable();
          chosen = openSsl ? SslProvider.OPENSSL : SslProvider.JDK;
          if (openSsl) {
            LOG.info("TLS by OpenSSL ({}, netty-tcnative)", OpenSsl.versionString());
          } else {
            LOG.info("TLS by the JDK's engine ({})", asked.equals("jdk") ? "asked for with -Detcdj.tls.engine=jdk"
                : "OpenSSL unavailable: " + OpenSsl.unavailabilityCause());
          }
          provider = chosen;
        }
      }
    }
    return chosen;
  }
}
