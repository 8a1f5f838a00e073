package io.etcdj.client;

/**
 * A successful v2 keys answer. The indexes come from the X-Etcd-Index, X-Raft-Index and
 * X-Raft-Term headers (0 when the server did not send them, as in a stream watch event).
 * {@code prevNode} is null when the server sent none.
 */
public record Response(String action, Node node, Node prevNode, long etcdIndex, long raftIndex,
                       long raftTerm) {}
