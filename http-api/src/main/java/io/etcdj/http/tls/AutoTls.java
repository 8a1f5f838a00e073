package io.etcdj.http.tls;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code --auto-tls} and {@code --peer-auto-tls} (etcd's transport.SelfCert): a self-signed
 * certificate for the listen URLs' hosts (IP addresses as IP SANs, names as DNS SANs),
 * organisation "etcd", valid a year, for server auth (and client auth, for peers, which present
 * it when they dial), written as {@code cert.pem} and {@code key.pem} (mode 0600) under
 * {@code <data-dir>/fixtures/client} or {@code .../peer}. A member restarted on the same data
 * dir reuses the pair it finds there, as etcd does. The key is ECDSA P-256, where etcd 3.4 makes
 * P-521: clients that dial a self-signed certificate do not verify it either way, and P-256
 * handshakes cost a fraction of P-521's.
 */
final class AutoTls {
  private static final Logger LOG = LoggerFactory.getLogger(AutoTls.class);

  private AutoTls() {}

  static TlsInfo selfCert(TlsInfo info, Path dir, List<URI> listenUrls, boolean peer) {
    Path cert = dir.resolve("cert.pem");
    Path key = dir.resolve("key.pem");
    if (!(Files.isRegularFile(cert) && Files.isRegularFile(key))) {
      try {
        Files.createDirectories(dir);
        write(cert, key, listenUrls, peer);
      } catch (IOException e) {
        throw new TlsMaterialException("cannot create auto-tls certificate in " + dir + ": " + e.getMessage(), e);
      }
      LOG.info("created self-signed certificate {} and key {}", cert, key);
    }
    return info.withSelfCert(cert.toString(), key.toString());
  }

  private static void write(Path cert, Path key, List<URI> listenUrls, boolean peer) throws IOException {
    // mode 0600 from creation: the key is never readable by others, not even for a moment
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      KeyPair pair = generator.generateKeyPair();
      Instant now = Instant.now();
      X500Name subject = new X500Name("O=etcd");
      JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject,
          new BigInteger(128, new SecureRandom()), Date.from(now), Date.from(now.plus(Duration.ofDays(365))),
          subject, pair.getPublic());
      builder.addExtension(Extension.keyUsage, true,
          new KeyUsage(KeyUsage.keyEncipherment | KeyUsage.digitalSignature));
      builder.addExtension(Extension.extendedKeyUsage, false, peer
          ? new ExtendedKeyUsage(new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth})
          : new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      List<GeneralName> names = subjectAltNames(listenUrls);
      if (!names.isEmpty()) {
        builder.addExtension(Extension.subjectAlternativeName, false,
            new GeneralNames(names.toArray(GeneralName[]::new)));
      }
      X509CertificateHolder holder = builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate()));
      Files.writeString(cert, pem(holder), StandardCharsets.US_ASCII);
      Files.deleteIfExists(key);
      Files.createFile(key, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(key, pem(sec1(pair)), StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
    } catch (GeneralSecurityException | OperatorCreationException e) {
      throw new IllegalStateException("cannot generate a self-signed certificate", e);
    }
  }

  private static List<GeneralName> subjectAltNames(List<URI> listenUrls) {
    Set<String> hosts = new LinkedHashSet<>();
    listenUrls.forEach(url -> hosts.add(url.getHost()));
    List<GeneralName> names = new ArrayList<>();
    for (String host : hosts) {
      String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
      names.add(isIpLiteral(bare) ? new GeneralName(GeneralName.iPAddress, bare) : new GeneralName(GeneralName.dNSName, bare));
    }
    return names;
  }

  private static boolean isIpLiteral(String host) {
    if (host.contains(":")) {
      return true;
    }
    if (!host.matches("[0-9.]+")) {
      return false;
    }
    try {
      InetAddress.getByName(host); // a literal: no lookup
      return true;
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /**
   * The key as SEC 1 with its curve named inside, as Go's MarshalECPrivateKey writes it (the
   * JDK's PKCS#8 form keeps the curve outside, which a bare "EC PRIVATE KEY" block would lose).
   */
  private static PemObject sec1(KeyPair pair) throws IOException {
    PrivateKeyInfo info = PrivateKeyInfo.getInstance(pair.getPrivate().getEncoded());
    org.bouncycastle.asn1.sec.ECPrivateKey inner = org.bouncycastle.asn1.sec.ECPrivateKey.getInstance(info.parsePrivateKey());
    SubjectPublicKeyInfo publicKey = SubjectPublicKeyInfo.getInstance(pair.getPublic().getEncoded());
    org.bouncycastle.asn1.sec.ECPrivateKey full = new org.bouncycastle.asn1.sec.ECPrivateKey(256, inner.getKey(),
        publicKey.getPublicKeyData(), info.getPrivateKeyAlgorithm().getParameters());
    return new PemObject("EC PRIVATE KEY", full.getEncoded());
  }

  private static String pem(Object object) {
    StringWriter text = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
      writer.writeObject(object);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return text.toString();
  }
}
