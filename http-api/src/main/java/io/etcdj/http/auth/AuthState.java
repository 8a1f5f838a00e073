package io.etcdj.http.auth;

import io.etcdj.server.KeysBackend;
import io.etcdj.kvstore.StoreReader;

/**
 * The auth rules this member enforces now, read from its own replicated store: every member reads
 * the same /2 through Raft, so every member enforces the same rules. The snapshot is rebuilt only
 * when the store's {@link StoreReader#internalVersion} moved (a write under /0 or /2, a snapshot
 * installed), so a request with auth disabled costs two volatile reads.
 *
 * <p>Threads: any event loop (or the auth executor) may call {@link #current}; the first to see a
 * new version rebuilds and publishes an immutable snapshot through the volatile field. Two loops
 * racing both rebuild the same data; the version read before the rebuild keeps a late writer from
 * publishing older data as newer.
 */
public final class AuthState {
  private final KeysBackend backend;
  private volatile AuthSnapshot current = AuthSnapshot.EMPTY;

  public AuthState(KeysBackend backend) {
    this.backend = backend;
  }

  /** The rules as of the store's latest internal write. */
  public AuthSnapshot current() {
    StoreReader store = backend.store();
    long version = store.internalVersion();
    AuthSnapshot s = current;
    if (s.internalVersion() == version) {
      return s;
    }
    AuthSnapshot fresh = AuthSnapshot.read(store, version);
    if (current.internalVersion() < version) {
      current = fresh;
    }
    return fresh;
  }

  /** Whether auth is on: the hot path's one question. */
  public boolean enabled() {
    return current().enabled();
  }
}
