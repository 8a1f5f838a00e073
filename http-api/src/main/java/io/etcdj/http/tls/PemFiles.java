package io.etcdj.http.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.RSAPrivateKey;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;

/**
 * Reads PEM certificates and private keys as Go's crypto/tls does for etcd (tls.X509KeyPair,
 * tlsutil.NewCertPool): blocks of other types are skipped; a key may be PKCS#1
 * ({@code RSA PRIVATE KEY}), PKCS#8 ({@code PRIVATE KEY}) or SEC 1 ({@code EC PRIVATE KEY}), as
 * {@code openssl genrsa}, {@code openssl req -newkey} and {@code openssl ecparam -genkey} write
 * them; the key must be the certificate's. Failures carry Go's wording. BouncyCastle splits the
 * PEM and turns PKCS#1 and SEC 1 into keys the JDK takes; the JDK's own parsers do the rest.
 */
final class PemFiles {
  private PemFiles() {}

  /** A certificate chain (leaf first) and its private key. */
  record KeyPair(PrivateKey key, List<X509Certificate> chain) {}

  static KeyPair keyPair(String certFile, String keyFile) {
    if (certFile.isEmpty() || keyFile.isEmpty()) {
      throw new TlsMaterialException("KeyFile and CertFile must both be present[key: " + keyFile + ", cert: "
          + certFile + "]");
    }
    List<X509Certificate> chain = certificates(blocks(certFile), "certificate input");
    if (chain.isEmpty()) {
      throw new TlsMaterialException("tls: failed to find any PEM data in certificate input");
    }
    PrivateKey key = privateKey(blocks(keyFile));
    if (!matches(key, chain.get(0))) {
      throw new TlsMaterialException("tls: private key does not match public key");
    }
    return new KeyPair(key, List.copyOf(chain));
  }

  /**
   * Every certificate of a trusted-CA file (Go's NewCertPool). None is an error here, where Go
   * starts and then lets no one in (docs/tls.md).
   */
  static List<X509Certificate> trustedCertificates(String caFile) {
    List<X509Certificate> certs = certificates(blocks(caFile), caFile);
    if (certs.isEmpty()) {
      throw new TlsMaterialException("tls: failed to find any PEM certificate in trusted CA file " + caFile);
    }
    return certs;
  }

  private static List<PemObject> blocks(String file) {
    String text;
    try {
      text = Files.readString(Path.of(file), StandardCharsets.ISO_8859_1);
    } catch (NoSuchFileException e) {
      throw new TlsMaterialException("open " + file + ": no such file or directory");
    } catch (AccessDeniedException e) {
      throw new TlsMaterialException("open " + file + ": permission denied");
    } catch (IOException e) {
      throw new TlsMaterialException("read " + file + ": " + (Files.isDirectory(Path.of(file)) ? "is a directory"
          : e.getMessage()));
    }
    List<PemObject> blocks = new ArrayList<>();
    try (PemReader reader = new PemReader(new StringReader(text))) {
      for (PemObject block = reader.readPemObject(); block != null; block = reader.readPemObject()) {
        blocks.add(block);
      }
    } catch (IOException | RuntimeException e) {
      // a block whose base64 is broken: Go's pem.Decode stops there too
    }
    return blocks;
  }

  private static List<X509Certificate> certificates(List<PemObject> blocks, String what) {
    List<X509Certificate> certs = new ArrayList<>();
    try {
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      for (PemObject block : blocks) {
        if (block.getType().equals("CERTIFICATE")) {
          certs.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(block.getContent())));
        }
      }
    } catch (CertificateException e) {
      throw new TlsMaterialException("x509: cannot parse a certificate in " + what + ": " + e.getMessage(), e);
    }
    return certs;
  }

  /** Go's parsePrivateKey: the first key block, tried as PKCS#1, then PKCS#8, then SEC 1. */
  private static PrivateKey privateKey(List<PemObject> blocks) {
    for (PemObject block : blocks) {
      String type = block.getType();
      if (type.equals("PRIVATE KEY") || type.endsWith(" PRIVATE KEY")) {
        if (!block.getHeaders().isEmpty()) {
          throw new TlsMaterialException("tls: failed to parse private key (an encrypted key? etcd takes none)");
        }
        return parseKey(block.getContent());
      }
    }
    throw new TlsMaterialException("tls: failed to find any PEM data in key input");
  }

  private static PrivateKey parseKey(byte[] der) {
    JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
    try {
      return converter.getPrivateKey(new PrivateKeyInfo(
          new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption, DERNull.INSTANCE), RSAPrivateKey.getInstance(der)));
    } catch (IOException | RuntimeException notPkcs1) {
      // next form
    }
    try {
      return converter.getPrivateKey(PrivateKeyInfo.getInstance(der));
    } catch (IOException | RuntimeException notPkcs8) {
      // next form
    }
    try {
      ECPrivateKey ec = ECPrivateKey.getInstance(der);
      return converter.getPrivateKey(new PrivateKeyInfo(
          new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, ec.getParametersObject()), ec));
    } catch (IOException | RuntimeException notSec1) {
      throw new TlsMaterialException("tls: failed to parse private key");
    }
  }

  /** Whether {@code key} signs what the certificate's public key verifies. */
  private static boolean matches(PrivateKey key, X509Certificate leaf) {
    String algorithm = switch (key.getAlgorithm()) {
      case "RSA" -> "SHA256withRSA";
      case "EC" -> "SHA256withECDSA";
      case "Ed25519", "EdDSA" -> "Ed25519";
      default -> throw new TlsMaterialException("tls: unknown private key type " + key.getAlgorithm());
    };
    if (!key.getAlgorithm().equals(leaf.getPublicKey().getAlgorithm())
        && !(algorithm.equals("Ed25519") && leaf.getPublicKey().getAlgorithm().startsWith("Ed"))) {
      return false;
    }
    byte[] probe = new byte[32];
    new SecureRandom().nextBytes(probe);
    try {
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(probe);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(leaf.getPublicKey());
      verifier.update(probe);
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }
}
