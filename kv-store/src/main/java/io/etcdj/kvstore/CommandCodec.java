package io.etcdj.kvstore;

/**
 * Deterministic compact binary form of a {@link StoreCommand} for the Raft log: a tag byte, then
 * the fields in record order (booleans packed into one flags byte, numbers as zig-zag varints,
 * strings as length-prefixed UTF-8 with null kept distinct from ""). Stateless and thread-safe.
 */
public final class CommandCodec {
  private static final int PUT = 1;
  private static final int POST = 2;
  private static final int DELETE = 3;
  private static final int EXPIRE = 4;

  private CommandCodec() {}

  public static byte[] encode(StoreCommand command) {
    return encode(command, 0);
  }

  /**
   * The encoding of {@code command} after {@code headerBytes} zero bytes, which the caller fills
   * in (the Raft entry's request id): one array per proposal instead of a copy to prepend them.
   */
  public static byte[] encode(StoreCommand command, int headerBytes) {
    if (command instanceof StoreCommand.Put p) {
      int path = BinaryOut.byteLength(p.path());
      int value = BinaryOut.byteLength(p.value());
      int prevValue = BinaryOut.byteLength(p.prevValue());
      int size = 2 + BinaryOut.stringSize(path) + BinaryOut.stringSize(value) + BinaryOut.longSize(p.expireAtMs())
          + BinaryOut.stringSize(prevValue) + BinaryOut.longSize(p.prevIndex()) + BinaryOut.longSize(p.timeMs());
      int flags = (p.dir() ? 1 : 0) | (p.refresh() ? 2 : 0) | (p.prevExist().ordinal() << 2);
      return new BinaryOut(size, headerBytes).writeByte(PUT).writeByte(flags).writeString(p.path(), path)
          .writeString(p.value(), value).writeLong(p.expireAtMs()).writeString(p.prevValue(), prevValue)
          .writeLong(p.prevIndex()).writeLong(p.timeMs()).toBytes();
    }
    if (command instanceof StoreCommand.Post p) {
      int path = BinaryOut.byteLength(p.path());
      int value = BinaryOut.byteLength(p.value());
      int size = 2 + BinaryOut.stringSize(path) + BinaryOut.stringSize(value) + BinaryOut.longSize(p.expireAtMs())
          + BinaryOut.longSize(p.timeMs());
      return new BinaryOut(size, headerBytes).writeByte(POST).writeBoolean(p.dir()).writeString(p.path(), path)
          .writeString(p.value(), value).writeLong(p.expireAtMs()).writeLong(p.timeMs()).toBytes();
    }
    if (command instanceof StoreCommand.Delete d) {
      int path = BinaryOut.byteLength(d.path());
      int prevValue = BinaryOut.byteLength(d.prevValue());
      int size = 2 + BinaryOut.stringSize(path) + BinaryOut.stringSize(prevValue) + BinaryOut.longSize(d.prevIndex())
          + BinaryOut.longSize(d.timeMs());
      int flags = (d.dir() ? 1 : 0) | (d.recursive() ? 2 : 0);
      return new BinaryOut(size, headerBytes).writeByte(DELETE).writeByte(flags).writeString(d.path(), path)
          .writeString(d.prevValue(), prevValue).writeLong(d.prevIndex()).writeLong(d.timeMs()).toBytes();
    }
    StoreCommand.Expire e = (StoreCommand.Expire) command;
    return new BinaryOut(1 + BinaryOut.longSize(e.timeMs()), headerBytes).writeByte(EXPIRE).writeLong(e.timeMs()).toBytes();
  }

  /** The command {@link #encode} wrote; IllegalArgumentException if {@code bytes} is not one. */
  public static StoreCommand decode(byte[] bytes) {
    return decode(bytes, 0);
  }

  /** As {@link #decode(byte[])}, for a command that starts at {@code offset}. */
  public static StoreCommand decode(byte[] bytes, int offset) {
    BinaryIn in = new BinaryIn(bytes, offset);
    StoreCommand c = switch (in.readByte()) {
      case PUT -> {
        int flags = in.readByte();
        StoreCommand.PrevExist[] prevExists = StoreCommand.PrevExist.values();
        int pe = (flags >> 2) & 3;
        if (pe >= prevExists.length) {
          throw new IllegalArgumentException("bad prevExist " + pe);
        }
        yield new StoreCommand.Put(in.readString(), in.readString(), (flags & 1) != 0, in.readLong(),
            (flags & 2) != 0, prevExists[pe], in.readString(), in.readLong(), in.readLong());
      }
      case POST -> {
        boolean dir = in.readBoolean();
        yield new StoreCommand.Post(in.readString(), in.readString(), dir, in.readLong(), in.readLong());
      }
      case DELETE -> {
        int flags = in.readByte();
        yield new StoreCommand.Delete(in.readString(), (flags & 1) != 0, (flags & 2) != 0, in.readString(),
            in.readLong(), in.readLong());
      }
      case EXPIRE -> new StoreCommand.Expire(in.readLong());
      default -> throw new IllegalArgumentException("unknown command tag");
    };
    if (!in.atEnd()) {
      throw new IllegalArgumentException("trailing bytes after command");
    }
    return c;
  }
}
