package io.etcdj.server;

import io.etcdj.kvstore.StoreReader;
import io.etcdj.kvstore.StoreCommand;
import io.etcdj.kvstore.StoreResult;
import java.util.concurrent.CompletableFuture;

/**
 * What the /v2/keys handlers need from the running member: writes through Raft, read barriers,
 * a read-only view of the store and the headers' numbers. Implemented by the member runtime (and
 * by test doubles of the HTTP layer); every method is safe to call from any Netty event loop.
 */
public interface KeysBackend {
  /**
   * Proposes a write through Raft. Completes (on the apply thread) once the command is durable,
   * committed and applied, with the store's answer. Completes exceptionally with
   * {@link ServerUnavailableException} when it cannot be committed (no leader, shutting down,
   * timed out).
   */
  CompletableFuture<StoreResult> propose(StoreCommand command);

  /**
   * For quorum reads: completes once this member has applied everything committed when the call
   * was made and a quorum confirmed the leadership (ReadIndex).
   */
  CompletableFuture<Void> readBarrier();

  /** The applied store, for local reads and watch registration. */
  StoreReader store();

  /** X-Raft-Index: the member's committed Raft index. */
  long raftIndex();

  /** X-Raft-Term. */
  long raftTerm();

  /** X-Etcd-Cluster-ID, lower-case hex without leading zeros, as etcd prints it. */
  String clusterIdHex();

  /** Wall clock in epoch ms, used to stamp commands and compute TTLs on reads. */
  long nowMs();
}
