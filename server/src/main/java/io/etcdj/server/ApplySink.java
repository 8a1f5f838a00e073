package io.etcdj.server;

/**
 * Where the Raft loop hands committed work: the apply thread's queue in a server, a queue the
 * simulator drains when its schedule says so in tests. Called by the Raft loop thread only.
 */
interface ApplySink {
  void enqueue(ApplyBatch batch);
}
