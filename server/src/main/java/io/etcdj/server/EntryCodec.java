package io.etcdj.server;

import io.etcdj.kvstore.CommandCodec;
import io.etcdj.kvstore.StoreCommand;
import java.nio.ByteBuffer;

/**
 * The data of a NORMAL log entry: an 8-byte big-endian request id (0 when nobody waits for the
 * answer) followed by the store's encoding of the command. An empty entry is a new leader's
 * no-op; a barrier (etcd's QGET: it only proves the log moved through this point and changes
 * nothing) is the request id, a zero byte (no command starts with one) and the proposing
 * member's id, so that two members' barriers differ even when their request ids collide (see
 * {@link RequestIds}). Barriers written before they carried the member id are the request id alone.
 */
final class EntryCodec {
  private EntryCodec() {}

  static byte[] encode(long requestId, StoreCommand command) {
    byte[] data = CommandCodec.encode(command, 8);
    ByteBuffer.wrap(data).putLong(requestId);
    return data;
  }

  static byte[] barrier(long requestId, long memberId) {
    return ByteBuffer.allocate(17).putLong(requestId).put((byte) 0).putLong(memberId).array();
  }

  static boolean isBarrier(byte[] data) { return data.length == 8 || (data.length == 17 && data[8] == 0); }

  static long requestId(byte[] data) {
    return ByteBuffer.wrap(data).getLong();
  }

  static StoreCommand command(byte[] data) {
    return CommandCodec.decode(data, 8);
  }
}
