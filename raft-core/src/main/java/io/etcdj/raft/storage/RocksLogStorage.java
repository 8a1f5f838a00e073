package io.etcdj.raft.storage;

import io.etcdj.raft.ConfState;
import io.etcdj.raft.Entry;
import io.etcdj.raft.HardState;
import io.etcdj.raft.Snapshot;
import io.etcdj.raft.SnapshotMetadata;
import io.etcdj.raft.WritableLogStorage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.CompressionType;
import org.rocksdb.DBOptions;
import org.rocksdb.InfoLogLevel;
import org.rocksdb.LRUCache;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * The Raft log on RocksDB ({@code <data-dir>/member/wal}): entries keyed by big-endian index,
 * hard state and conf state. Written by one thread (the Raft loop); read by the protocol on the
 * same thread.
 *
 * <p>Layout: column family {@code entries} maps an 8-byte big-endian index to type, term, data;
 * the default column family holds the hard state, conf state and snapshot metadata under fixed
 * keys. A snapshot's data lives in {@link SnapshotStore} files; this class keeps the latest one it
 * was given in memory and, after a restart, reads it back from the SnapshotStore if it has one.
 */
public final class RocksLogStorage implements WritableLogStorage, AutoCloseable {
  static {
    RocksDB.loadLibrary();
  }

  private static final byte[] HARD_STATE_KEY = "hardstate".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] CONF_STATE_KEY = "confstate".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] SNAPSHOT_KEY = "snapshot".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] ENTRIES_CF = "entries".getBytes(StandardCharsets.US_ASCII);
  /** Enough tail to serve replication to followers that are a little behind without a read. */
  private static final int CACHE_MAX_ENTRIES = 1_024;
  private static final long CACHE_MAX_BYTES = 16L << 20;
  /**
   * One memtable. At 40,000 appends a second of 400 bytes that is a flush every half second or
   * so, in the background and cheap next to the WAL's fsyncs, while each resident megabyte is
   * one a container beside the member does not get.
   */
  private static final long MEMTABLE_BYTES = 8L << 20;
  /** Every memtable of both column families: RocksDB flushes the largest when it is reached. */
  private static final long MEMTABLE_BUDGET_BYTES = 24L << 20;
  private static final long BLOCK_CACHE_BYTES = 4L << 20;

  private final DBOptions dbOptions;
  private final ColumnFamilyOptions cfOptions;
  private final LRUCache blockCache;
  private final RocksDB db;
  private final ColumnFamilyHandle metaCf;
  private final ColumnFamilyHandle entriesCf;
  private final WriteOptions syncWrite;
  private final WriteOptions asyncWrite;
  private final ReadOptions readOptions;
  private final SnapshotStorage snapshots;

  // In-memory mirror of what is durable; all owned by the Raft thread.
  private HardState hardState = HardState.EMPTY;
  private ConfState confState = new ConfState(List.of());
  private SnapshotMetadata snapshotMeta = Snapshot.EMPTY.metadata();
  /**
   * The latest snapshot with its data, only when there is no snapshot store to load it from;
   * null means "load from the store". A store's image can be tens of megabytes and is read only
   * to catch up a follower, so a member with a snapshot store keeps none of it in the heap.
   */
  private Snapshot snapshot;
  private long lastIndex;
  private final EntryCache cache;
  private boolean closed;

  private RocksLogStorage(Path walDir, SnapshotStorage snapshots) throws RocksDBException, IOException {
    Files.createDirectories(walDir);
    this.snapshots = snapshots;
    this.dbOptions = new DBOptions()
        .setCreateIfMissing(true)
        .setCreateMissingColumnFamilies(true)
        .setMaxBackgroundJobs(2)
        .setBytesPerSync(1 << 20)
        .setMaxTotalWalSize(256L << 20)
        .setKeepLogFileNum(2)
        .setDbWriteBufferSize(MEMTABLE_BUDGET_BYTES)
        .setInfoLogLevel(InfoLogLevel.WARN_LEVEL);
    // Small values, written once, read rarely: no compression, lenient L0 triggers so a burst of
    // appends is never stalled by compaction. The memtables are most of what RocksDB keeps
    // resident: a member runs beside containers, so they are held to MEMTABLE_BUDGET_BYTES in
    // all; entries are read back from the EntryCache, so the block cache can stay small.
    this.blockCache = new LRUCache(BLOCK_CACHE_BYTES);
    this.cfOptions = new ColumnFamilyOptions()
        .setCompressionType(CompressionType.NO_COMPRESSION)
        .setWriteBufferSize(MEMTABLE_BYTES)
        .setMaxWriteBufferNumber(3)
        .setTableFormatConfig(new BlockBasedTableConfig().setBlockCache(blockCache))
        .setLevel0FileNumCompactionTrigger(8)
        .setLevel0SlowdownWritesTrigger(64)
        .setLevel0StopWritesTrigger(128);
    List<ColumnFamilyDescriptor> descriptors = List.of(
        new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, cfOptions),
        new ColumnFamilyDescriptor(ENTRIES_CF, cfOptions));
    List<ColumnFamilyHandle> handles = new ArrayList<>();
    this.db = RocksDB.open(dbOptions, walDir.toString(), descriptors, handles);
    this.metaCf = handles.get(0);
    this.entriesCf = handles.get(1);
    this.syncWrite = new WriteOptions().setSync(true);
    this.asyncWrite = new WriteOptions().setSync(false);
    this.readOptions = new ReadOptions();
    load();
    this.cache = new EntryCache(CACHE_MAX_ENTRIES, CACHE_MAX_BYTES, lastIndex + 1);
  }

  public static RocksLogStorage open(Path walDir) { return open(walDir, null); }

  /**
   * Opens (or creates) the log in {@code walDir}. With a {@link SnapshotStore}, {@link #snapshot()}
   * after a restart returns the data of the stored snapshot the log was compacted to (the file
   * of the same term and index, if still kept), so a leader can send it to a lagging follower;
   * without one it returns only the metadata until {@link #compact} is called again.
   */
  public static RocksLogStorage open(Path walDir, SnapshotStorage snapshots) {
    try {
      return new RocksLogStorage(walDir, snapshots);
    } catch (RocksDBException | IOException e) {
      throw new RaftStorageException("cannot open raft log in " + walDir, e);
    }
  }

  private void load() throws RocksDBException {
    byte[] hs = db.get(metaCf, HARD_STATE_KEY);
    if (hs != null) {
      hardState = LogCodec.decodeHardState(hs);
    }
    byte[] cs = db.get(metaCf, CONF_STATE_KEY);
    if (cs != null) {
      confState = LogCodec.decodeConfState(ByteBuffer.wrap(cs));
    }
    byte[] sm = db.get(metaCf, SNAPSHOT_KEY);
    if (sm != null) {
      snapshotMeta = LogCodec.decodeSnapshotMetadata(ByteBuffer.wrap(sm));
    }
    lastIndex = snapshotMeta.index();
    try (RocksIterator it = db.newIterator(entriesCf, readOptions)) {
      it.seekToLast();
      if (it.isValid()) {
        lastIndex = Math.max(lastIndex, LogCodec.index(it.key()));
      }
      it.status();
    }
  }

  @Override
  public void save(HardState hs, List<Entry> entries, Snapshot snap, boolean sync) {
    checkOpen();
    boolean newSnapshot = !snap.isEmpty() && snap.metadata().index() > snapshotMeta.index();
    long snapIndex = newSnapshot ? snap.metadata().index() : snapshotMeta.index();
    long last = newSnapshot ? snapIndex : lastIndex;
    List<Entry> toAppend = entriesAfter(entries, snapIndex);
    try (WriteBatch batch = new WriteBatch()) {
      if (newSnapshot) {
        // The snapshot replaces the whole log: nothing before or after it is known to match.
        batch.deleteRange(entriesCf, LogCodec.key(0), LogCodec.key(Long.MAX_VALUE));
        batch.put(metaCf, SNAPSHOT_KEY, LogCodec.encodeSnapshotMetadata(snap.metadata()));
        batch.put(metaCf, CONF_STATE_KEY, LogCodec.encodeConfState(snap.metadata().confState()));
      }
      if (!toAppend.isEmpty()) {
        long from = toAppend.get(0).index();
        if (from > last + 1) {
          throw new IllegalStateException("gap in log: appending " + from + " after " + last);
        }
        for (Entry e : toAppend) {
          batch.put(entriesCf, LogCodec.key(e.index()), LogCodec.encodeEntry(e));
        }
        long newLast = toAppend.get(toAppend.size() - 1).index();
        if (newLast < last) {
          // The conflicting suffix beyond the new entries must not survive a restart.
          batch.deleteRange(entriesCf, LogCodec.key(newLast + 1), LogCodec.key(last + 1));
        }
        last = newLast;
      }
      if (!hs.isEmpty()) {
        batch.put(metaCf, HARD_STATE_KEY, LogCodec.encodeHardState(hs));
      }
      db.write(sync ? syncWrite : asyncWrite, batch);
    } catch (RocksDBException e) {
      throw new RaftStorageException("cannot persist raft log", e);
    }
    if (newSnapshot) {
      snapshotMeta = snap.metadata();
      snapshot = retained(snap);
      confState = snap.metadata().confState();
      cache.reset(snapIndex + 1);
    }
    cache.append(toAppend);
    lastIndex = last;
    if (!hs.isEmpty()) {
      hardState = hs;
    }
  }

  private static List<Entry> entriesAfter(List<Entry> entries, long snapIndex) {
    if (entries.isEmpty() || entries.get(0).index() > snapIndex) {
      return entries;
    }
    int skip = 0;
    while (skip < entries.size() && entries.get(skip).index() <= snapIndex) {
      skip++;
    }
    return entries.subList(skip, entries.size());
  }

  @Override
  public void saveConfState(ConfState cs) {
    checkOpen();
    try {
      db.put(metaCf, syncWrite, CONF_STATE_KEY, LogCodec.encodeConfState(cs));
    } catch (RocksDBException e) {
      throw new RaftStorageException("cannot persist conf state", e);
    }
    confState = cs;
  }

  @Override
  public void compact(Snapshot snap) {
    checkOpen();
    long index = snap.metadata().index();
    if (index <= snapshotMeta.index()) {
      return;
    }
    if (index > lastIndex) {
      throw new IllegalArgumentException("compact " + index + " beyond last index " + lastIndex);
    }
    try (WriteBatch batch = new WriteBatch()) {
      batch.put(metaCf, SNAPSHOT_KEY, LogCodec.encodeSnapshotMetadata(snap.metadata()));
      batch.deleteRange(entriesCf, LogCodec.key(0), LogCodec.key(index + 1));
      db.write(syncWrite, batch);
      // Whole files of entries below the snapshot are dropped outright: the log is append-only,
      // so without this, compactions would rewrite (mostly dead) entries under the write load.
      db.deleteFilesInRanges(entriesCf, List.of(LogCodec.key(0), LogCodec.key(index + 1)), false);
    } catch (RocksDBException e) {
      throw new RaftStorageException("cannot compact raft log", e);
    }
    snapshotMeta = snap.metadata();
    snapshot = retained(snap);
    cache.dropBefore(index + 1);
  }

  @Override public InitialState initialState() { return new InitialState(hardState, confState); }

  @Override
  public List<Entry> entries(long lo, long hi, long maxBytes) {
    checkOpen();
    if (lo < firstIndex() || hi > lastIndex + 1 || lo > hi) {
      throw new IllegalArgumentException("entries [" + lo + "," + hi + ") outside ["
          + firstIndex() + "," + (lastIndex + 1) + ")");
    }
    List<Entry> out = new ArrayList<>((int) Math.min(hi - lo, 1024));
    long[] size = {0};
    long cachedFrom = cache.isEmpty() ? hi : Math.max(lo, cache.firstIndex());
    if (lo < cachedFrom && !readFromDisk(lo, Math.min(hi, cachedFrom), maxBytes, out, size)) {
      return out;
    }
    for (long i = Math.max(lo, cachedFrom); i < hi; i++) {
      Entry e = cache.get(i);
      if (!add(out, e, maxBytes, size)) {
        break;
      }
    }
    return out;
  }

  /** Reads [lo, hi) from RocksDB into out; false if the size limit stopped it early. */
  private boolean readFromDisk(long lo, long hi, long maxBytes, List<Entry> out, long[] size) {
    try (RocksIterator it = db.newIterator(entriesCf, readOptions)) {
      long expected = lo;
      for (it.seek(LogCodec.key(lo)); it.isValid() && expected < hi; it.next(), expected++) {
        long index = LogCodec.index(it.key());
        if (index != expected) {
          throw new IllegalStateException("raft log hole at " + expected + " (found " + index + ")");
        }
        if (!add(out, LogCodec.decodeEntry(index, it.value()), maxBytes, size)) {
          return false;
        }
      }
      it.status();
      if (expected < hi) {
        throw new IllegalStateException("raft log ends at " + expected + ", wanted up to " + hi);
      }
      return true;
    } catch (RocksDBException e) {
      throw new RaftStorageException("cannot read raft log", e);
    }
  }

  private static boolean add(List<Entry> out, Entry e, long maxBytes, long[] size) {
    size[0] += 17 + e.data().length;
    if (!out.isEmpty() && size[0] > maxBytes) {
      return false;
    }
    out.add(e);
    return true;
  }

  @Override
  public long term(long index) {
    checkOpen();
    if (index == snapshotMeta.index()) {
      return snapshotMeta.term();
    }
    if (index < snapshotMeta.index() || index > lastIndex) {
      throw new IllegalArgumentException("term of " + index + " unavailable: log holds ("
          + snapshotMeta.index() + "," + lastIndex + "]");
    }
    Entry cached = cache.get(index);
    if (cached != null) {
      return cached.term();
    }
    try {
      byte[] v = db.get(entriesCf, readOptions, LogCodec.key(index));
      if (v == null) {
        throw new IllegalStateException("raft log hole at " + index);
      }
      return LogCodec.decodeTerm(v);
    } catch (RocksDBException e) {
      throw new RaftStorageException("cannot read raft log", e);
    }
  }

  @Override public long firstIndex() { return snapshotMeta.index() + 1; }

  @Override public long lastIndex() { return lastIndex; }

  private Snapshot retained(Snapshot snap) {
    return snapshots == null && snap.data().length > 0 ? snap : null;
  }

  @Override
  public Snapshot snapshot() {
    if (snapshotMeta.index() == 0) {
      return Snapshot.EMPTY;
    }
    if (snapshot != null && snapshot.metadata().index() == snapshotMeta.index()) {
      return snapshot;
    }
    if (snapshots != null) {
      Optional<Snapshot> stored = snapshots.load(snapshotMeta.term(), snapshotMeta.index());
      if (stored.isPresent()) {
        return stored.get();
      }
    }
    // Metadata only: enough for the protocol's bookkeeping. A leader will not send it as is,
    // because an empty-data snapshot would wipe a follower's state.
    return new Snapshot(snapshotMeta, new byte[0]);
  }

  /** The hard state as last persisted. */
  public HardState hardState() { return hardState; }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("raft log storage is closed");
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      db.syncWal(); // unsynced (mustSync=false) writes survive a clean shutdown too
    } catch (RocksDBException e) {
      // Closing anyway; synced writes were durable already.
    }
    // Handles before the database, options last: RocksDB's required release order.
    metaCf.close();
    entriesCf.close();
    db.close();
    syncWrite.close();
    asyncWrite.close();
    readOptions.close();
    cfOptions.close();
    blockCache.close();
    dbOptions.close();
  }
}
