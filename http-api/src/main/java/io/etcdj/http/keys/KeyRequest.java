package io.etcdj.http.keys;

import io.etcdj.kvstore.StoreCommand;

/** A /v2/keys request after etcd's parseKeyRequest: what to do, with every parameter validated. */
sealed interface KeyRequest permits KeyRequest.Read, KeyRequest.Watch, KeyRequest.Write {

  /** GET or HEAD. {@code quorum} reads wait for a read barrier first (etcd's QGET). */
  record Read(String storePath, boolean recursive, boolean sorted, boolean quorum, boolean head)
      implements KeyRequest {}

  /** GET with wait=true (and no quorum=true: etcd then serves a plain quorum read instead). */
  record Watch(String storePath, boolean recursive, boolean stream, long sinceIndex)
      implements KeyRequest {}

  /**
   * PUT, POST or DELETE, proposed through Raft. {@code recursive} is the request's flag whatever
   * the method (etcd's permission check demands prefix access for it even on a PUT).
   */
  record Write(StoreCommand command, boolean noValueOnSuccess, boolean recursive) implements KeyRequest {}
}
