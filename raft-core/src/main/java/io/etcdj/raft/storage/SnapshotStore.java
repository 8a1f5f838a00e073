package io.etcdj.raft.storage;

import io.etcdj.raft.ConfState;
import io.etcdj.raft.Snapshot;
import io.etcdj.raft.SnapshotMetadata;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32C;

/**
 * Snapshot files in {@code <data-dir>/member/snap}, one per snapshot, named by term and index,
 * written to a temp file, fsynced and renamed so a crash leaves either the old or the new one.
 * Keeps the newest few.
 *
 * <p>File: magic, format version, index, term, conf state, data length, data, then a CRC32C of
 * everything before it. A torn or corrupt file fails the check and is skipped. Used by the Raft
 * thread (or one snapshotting thread); not thread-safe.
 */
public final class SnapshotStore implements SnapshotStorage {
  /** How many snapshot files to keep: older ones are deleted after each save. */
  public static final int RETAINED = 5;
  private static final int MAGIC = 0x45534e50; // "ESNP"
  private static final int VERSION = 2; // 2: the conf state carries learners
  private static final String SUFFIX = ".snap";
  private static final String TEMP_SUFFIX = ".snap.tmp";

  private final Path dir;

  private SnapshotStore(Path dir) { this.dir = dir; }

  public static SnapshotStore open(Path snapDir) {
    try {
      Files.createDirectories(snapDir);
      try (DirectoryStream<Path> tmp = Files.newDirectoryStream(snapDir, "*" + TEMP_SUFFIX)) {
        for (Path p : tmp) {
          Files.deleteIfExists(p); // a save interrupted by a crash
        }
      }
    } catch (IOException e) {
      throw new RaftStorageException("cannot open snapshot dir " + snapDir, e);
    }
    return new SnapshotStore(snapDir);
  }

  static String fileName(long term, long index) {
    return String.format("%016x-%016x%s", term, index, SUFFIX);
  }

  @Override public void save(Snapshot snapshot) {
    SnapshotMetadata m = snapshot.metadata();
    String name = fileName(m.term(), m.index());
    Path tmp = dir.resolve(name.replace(SUFFIX, TEMP_SUFFIX));
    Path target = dir.resolve(name);
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE,
          StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
        ByteBuffer buf = encode(snapshot);
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(true);
      }
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      syncDirectory();
      prune();
    } catch (IOException e) {
      throw new RaftStorageException("cannot save snapshot " + target, e);
    }
  }

  /** The newest snapshot whose file is intact. */
  @Override public Optional<Snapshot> loadNewest() {
    for (Path p : listNewestFirst()) {
      Optional<Snapshot> s = read(p);
      if (s.isPresent()) {
        return s;
      }
    }
    return Optional.empty();
  }

  /** The snapshot at exactly (term, index), if its file is present and intact. */
  @Override public Optional<Snapshot> load(long term, long index) {
    Path p = dir.resolve(fileName(term, index));
    return Files.exists(p) ? read(p) : Optional.empty();
  }

  private static ByteBuffer encode(Snapshot snapshot) {
    SnapshotMetadata m = snapshot.metadata();
    byte[] data = snapshot.data();
    byte[] confState = LogCodec.encodeConfState(m.confState());
    int len = 4 + 4 + 8 + 8 + confState.length + 4 + data.length + 4;
    ByteBuffer buf = ByteBuffer.allocate(len);
    buf.putInt(MAGIC).putInt(VERSION).putLong(m.index()).putLong(m.term()).put(confState);
    buf.putInt(data.length).put(data);
    CRC32C crc = new CRC32C();
    crc.update(buf.array(), 0, buf.position());
    buf.putInt((int) crc.getValue());
    return buf.flip();
  }

  private static Optional<Snapshot> read(Path p) {
    try {
      byte[] bytes = Files.readAllBytes(p);
      if (bytes.length < 36) {
        return Optional.empty();
      }
      CRC32C crc = new CRC32C();
      crc.update(bytes, 0, bytes.length - 4);
      ByteBuffer buf = ByteBuffer.wrap(bytes);
      if ((int) crc.getValue() != buf.getInt(bytes.length - 4)) {
        return Optional.empty();
      }
      if (buf.getInt() != MAGIC || buf.getInt() != VERSION) {
        return Optional.empty();
      }
      long index = buf.getLong();
      long term = buf.getLong();
      ConfState confState = LogCodec.decodeConfState(buf);
      byte[] data = new byte[buf.getInt()];
      buf.get(data);
      return Optional.of(new Snapshot(new SnapshotMetadata(index, term, confState), data));
    } catch (IOException | RuntimeException e) {
      return Optional.empty(); // unreadable or malformed: treat as absent, try an older one
    }
  }

  /** Snapshot files, newest first; fixed-width hex names sort by term, then index. */
  private List<Path> listNewestFirst() {
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
      for (Path p : ds) {
        files.add(p);
      }
    } catch (IOException e) {
      throw new RaftStorageException("cannot list snapshots in " + dir, e);
    }
    files.sort(Comparator.comparing((Path p) -> p.getFileName().toString()).reversed());
    return files;
  }

  private void prune() throws IOException {
    List<Path> files = listNewestFirst();
    for (int i = RETAINED; i < files.size(); i++) {
      Files.deleteIfExists(files.get(i));
    }
  }

  /** Makes the rename itself durable. */
  private void syncDirectory() throws IOException {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    }
  }
}
