package io.etcdj.http.tls;

/**
 * TLS files that cannot be used (missing, unreadable, not PEM, a key that is not the
 * certificate's), or TLS asked for without them. The message is one line, worded as etcd words
 * it ("open key.pem: no such file or directory", "tls: private key does not match public key");
 * the member stops at start with exit code 1.
 */
public final class TlsMaterialException extends IllegalArgumentException {
  public TlsMaterialException(String message) {
    super(message);
  }

  public TlsMaterialException(String message, Throwable cause) {
    super(message, cause);
  }
}
