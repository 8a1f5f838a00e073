/**
 * The member runtime, after etcd's {@code etcdserver}: the loop that drives Raft (persist, send,
 * apply), the apply thread, snapshots, membership, and the proposals and reads in flight. HTTP
 * handlers reach it only through {@code ServerV2}.
 */
package io.etcdj.server;
