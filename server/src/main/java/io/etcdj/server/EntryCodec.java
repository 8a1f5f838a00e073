package io.etcdj.server;

import io.etcdj.kvstore.CommandCodec;
import io.etcdj.kvstore.StoreCommand;
import java.nio.ByteBuffer;

/**
 * The data of a NORMAL log entry: an 8-byte big-endian request id (0 when nobody waits for the
 * answer) followed by the store's encoding of the command. An empty entry is a new leader's
 * no-op; a request id alone is a barrier (etcd's QGET: it only proves the log moved through this
 * point and changes nothing).
 */
final class EntryCodec {
  private EntryCodec() {}

  static byte[] encode(long requestId, StoreCommand command) {
    byte[] data = CommandCodec.encode(command, 8);
    ByteBuffer.wrap(data).putLong(requestId);
    return data;
  }

  static byte[] barrier(long requestId) {
    return ByteBuffer.allocate(8).putLong(requestId).array();
  }

  static boolean isBarrier(byte[] data) { return data.length == 8; }

  static long requestId(byte[] data) {
    return ByteBuffer.wrap(data).getLong();
  }

  static StoreCommand command(byte[] data) {
    return CommandCodec.decode(data, 8);
  }
}
