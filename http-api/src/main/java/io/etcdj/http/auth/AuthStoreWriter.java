package io.etcdj.http.auth;

import io.etcdj.kvstore.ErrorCode;
import io.etcdj.kvstore.StoreCommand;
import io.etcdj.kvstore.StoreCommand.PrevExist;
import io.etcdj.kvstore.StoreError;
import io.etcdj.kvstore.StoreResult;
import io.etcdj.server.KeysBackend;
import io.etcdj.server.ServerUnavailableException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/**
 * Writes the auth data into the replicated store as etcd's v2auth store does, each write an
 * ordinary store command proposed through Raft (so every member applies it, and snapshots and
 * restarts keep it): the directories {@code /2}, {@code /2/users}, {@code /2/roles} and
 * {@code /2/enabled=false} before the first change (etcd's ensureAuthDirectories: four writes that
 * move etcd's index), then create (prevExist=false), update (prevExist=true) and delete. Blocking:
 * called only on the auth executor ({@link AuthService}), which waits for each commit as etcd's
 * handler goroutine does.
 */
final class AuthStoreWriter {
  /**
   * How long the auth thread waits for one barrier or commit before it answers an error: etcd
   * 3.4's default request timeout (5 s plus twice the 1 s election timeout). Without a bound a
   * member with no leader would hold every later auth change behind the first.
   */
  static final long TIMEOUT_MS = 7_000;

  private final KeysBackend backend;
  private final AuthState state;

  AuthStoreWriter(KeysBackend backend, AuthState state) {
    this.backend = backend;
    this.state = state;
  }

  /** Completes once everything committed before the call is applied here (etcd's QGET reads). */
  void barrier() throws AuthUnavailable {
    try {
      backend.readBarrier().orTimeout(TIMEOUT_MS, TimeUnit.MILLISECONDS).join();
    } catch (CompletionException e) {
      throw new AuthUnavailable(e.getCause() != null ? e.getCause() : e);
    }
  }

  /** The error of writing {@code value} at {@code path} when it must not exist yet, or null. */
  StoreError create(String path, String value) throws AuthUnavailable {
    ensureDirectories();
    return put(path, value, false, PrevExist.FALSE);
  }

  StoreError update(String path, String value) throws AuthUnavailable {
    ensureDirectories();
    return put(path, value, false, PrevExist.TRUE);
  }

  StoreError delete(String path) throws AuthUnavailable {
    ensureDirectories();
    return propose(new StoreCommand.Delete(path, false, false, "", 0, backend.nowMs()));
  }

  private void ensureDirectories() throws AuthUnavailable {
    if (state.current().initialized()) {
      return;
    }
    for (String dir : new String[] {AuthSnapshot.PREFIX, AuthSnapshot.USERS, AuthSnapshot.ROLES}) {
      StoreError e = put(dir, "", true, PrevExist.FALSE);
      if (e != null && e.code() != ErrorCode.NODE_EXIST) {
        throw new AuthUnavailable(new IllegalStateException("creating " + dir + ": " + e));
      }
    }
    put(AuthSnapshot.ENABLED, "false", false, PrevExist.FALSE); // already there: someone else made it
  }

  private StoreError put(String path, String value, boolean dir, PrevExist prevExist) throws AuthUnavailable {
    return propose(new StoreCommand.Put(path, value, dir, 0, false, prevExist, "", 0, backend.nowMs()));
  }

  private StoreError propose(StoreCommand command) throws AuthUnavailable {
    StoreResult result;
    try {
      result = backend.propose(command).orTimeout(TIMEOUT_MS, TimeUnit.MILLISECONDS).join();
    } catch (CompletionException e) {
      throw new AuthUnavailable(e.getCause() != null ? e.getCause() : e);
    } catch (RuntimeException e) {
      throw new AuthUnavailable(e);
    }
    return result instanceof StoreResult.Err err ? err.error() : null;
  }

  /** The store could not be written or read in time (no leader, shutting down): etcd's 500s. */
  static final class AuthUnavailable extends Exception {
    AuthUnavailable(Throwable cause) {
      super(cause instanceof ServerUnavailableException ? cause.getMessage() : String.valueOf(cause), cause);
    }
  }
}
