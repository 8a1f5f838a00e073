package io.etcdj.http.tls;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which cipher suites are offered: Go's defaults, or etcd's {@code --cipher-suites}: Go's suite names (tls.CipherSuites and InsecureCipherSuites of
 * Go 1.19, which built etcd 3.4.23, plus etcd's two CHACHA20 aliases), which are the IANA names
 * the JDK and netty-tcnative take. As in Go the list orders and limits TLS 1.2 suites only: TLS
 * 1.3's are always on. A name Go does not know stops the member, with etcd's words.
 */
public final class CipherSuites {
  private CipherSuites() {}

  private static final Set<String> TLS13 = Set.of(
      "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256");

  private static final Set<String> GO_NAMES = Set.of(
      "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256",
      "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA", "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA",
      "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA",
      "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
      "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
      "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
      // Go's InsecureCipherSuites: named, accepted, and dropped below if the engine lacks them
      "TLS_RSA_WITH_RC4_128_SHA", "TLS_RSA_WITH_3DES_EDE_CBC_SHA", "TLS_RSA_WITH_AES_128_CBC_SHA",
      "TLS_RSA_WITH_AES_256_CBC_SHA", "TLS_RSA_WITH_AES_128_CBC_SHA256", "TLS_RSA_WITH_AES_128_GCM_SHA256",
      "TLS_RSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_ECDSA_WITH_RC4_128_SHA", "TLS_ECDHE_RSA_WITH_RC4_128_SHA",
      "TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA", "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256",
      "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256");

  /**
   * Go 1.19's default TLS 1.2 suites in its preference order (what etcd 3.4.23 offers without
   * {@code --cipher-suites}): ECDHE with AES-GCM, ChaCha20, then AES-CBC-SHA, then RSA key
   * exchange; no CBC-SHA256, 3DES or RC4. Checked with openssl s_client against etcd 3.4.23.
   */
  static final List<String> GO_DEFAULTS = List.of(
      "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
      "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
      "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
      "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA",
      "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA", "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA",
      "TLS_RSA_WITH_AES_128_GCM_SHA256", "TLS_RSA_WITH_AES_256_GCM_SHA384",
      "TLS_RSA_WITH_AES_128_CBC_SHA", "TLS_RSA_WITH_AES_256_CBC_SHA");

  private static final Map<String, String> ETCD_ALIASES = Map.of(
      "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
      "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305", "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256");

  /**
   * The flag's comma-separated names as IANA names, in order; empty for none (the engine's
   * defaults). Throws with etcd's message for an unknown name.
   */
  public static List<String> parse(String flag) {
    List<String> suites = new ArrayList<>();
    for (String part : flag.split(",")) {
      String name = part.trim();
      if (name.isEmpty()) {
        continue;
      }
      String iana = ETCD_ALIASES.getOrDefault(name, name);
      if (!GO_NAMES.contains(iana)) {
        throw new TlsMaterialException("unexpected TLS cipher suite \"" + name + "\"");
      }
      if (!TLS13.contains(iana) && !suites.contains(iana)) {
        suites.add(iana);
      }
    }
    return List.copyOf(suites);
  }

  /**
   * What an engine is told: the TLS 1.2 suites asked for (Go's defaults when none), then TLS
   * 1.3's (Go never limits those).
   */
  static List<String> forEngine(List<String> tls12) {
    List<String> all = new ArrayList<>(tls12.isEmpty() ? GO_DEFAULTS : tls12);
    all.addAll(List.of("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256"));
    return all;
  }
}
