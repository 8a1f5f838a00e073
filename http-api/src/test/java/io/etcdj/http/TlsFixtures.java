package io.etcdj.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The openssl-made certificates under src/test/resources/tls (see make-fixtures.sh there), and
 * JDK TLS clients made from them: what a curl with {@code --cacert} (and {@code --cert/--key})
 * would be.
 */
final class TlsFixtures {
  private TlsFixtures() {}

  /** The fixture's path, for flags. */
  static String path(String name) {
    try {
      return Path.of(TlsFixtures.class.getResource("/tls/" + name).toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A client trusting the test CA, presenting {@code clientName}.crt/.key when not null. */
  static SSLContext client(String clientName) {
    try {
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      trust.setCertificateEntry("ca", certificate("ca.crt"));
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      KeyManagerFactory kmf = null;
      if (clientName != null) {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("client", pkcs8Key(clientName + ".key"), new char[0],
            new Certificate[] {certificate(clientName + ".crt")});
        kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, new char[0]);
      }
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Certificate certificate(String name) throws GeneralSecurityException, IOException {
    try (InputStream in = Files.newInputStream(Path.of(path(name)))) {
      return CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
  }

  private static PrivateKey pkcs8Key(String name) throws GeneralSecurityException {
    try {
      String pem = Files.readString(Path.of(path(name)), StandardCharsets.US_ASCII);
      String base64 = pem.replaceAll("-----[^-]+-----", "").replaceAll("\\s", "");
      return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
