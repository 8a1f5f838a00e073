package io.etcdj.raft;

/** A member of the initial configuration; {@code context} travels in its conf-change entry (etcd puts the member's JSON there). */
public record Peer(long id, byte[] context) {}
