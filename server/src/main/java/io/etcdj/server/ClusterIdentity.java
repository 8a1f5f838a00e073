package io.etcdj.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * This member's id and its cluster's id, computed exactly as etcd 3.4 does (membership.NewMember
 * and RaftCluster.genID), so that X-Etcd-Cluster-ID and member ids equal etcd's for the same
 * flags. Once a member has started, the ids live in {@code <data-dir>/member/ids} and later
 * flags no longer change them (etcd likewise reads them back from its WAL).
 *
 * @param memberIds every member of the initial cluster, by name
 */
public record ClusterIdentity(long memberId, long clusterId, Map<String, Long> memberIds) {
  private static final String FILE = "ids";

  /** etcd's NewMember id: SHA-1 of the sorted peer URLs, then the cluster token; first 8 bytes. */
  public static long memberId(List<URI> peerUrls, String clusterToken) {
    List<String> urls = new ArrayList<>();
    for (URI url : peerUrls) {
      urls.add(url.toString());
    }
    Collections.sort(urls);
    StringBuilder b = new StringBuilder();
    urls.forEach(b::append);
    b.append(clusterToken);
    return ByteBuffer.wrap(sha1(b.toString().getBytes(StandardCharsets.UTF_8))).getLong();
  }

  /** etcd's genID: SHA-1 of the member ids, sorted as unsigned, big-endian; first 8 bytes. */
  public static long clusterId(List<Long> memberIds) {
    List<Long> sorted = new ArrayList<>(memberIds);
    sorted.sort(Long::compareUnsigned);
    ByteBuffer bytes = ByteBuffer.allocate(8 * sorted.size());
    sorted.forEach(bytes::putLong);
    return ByteBuffer.wrap(sha1(bytes.array())).getLong();
  }

  /** The ids for a fresh member started with {@code config}. */
  public static ClusterIdentity fromConfig(MemberConfig config) {
    Map<String, Long> ids = new java.util.LinkedHashMap<>();
    config.initialCluster().forEach((name, urls) -> ids.put(name, memberId(urls, config.initialClusterToken())));
    return new ClusterIdentity(ids.get(config.name()), clusterId(new ArrayList<>(ids.values())), Map.copyOf(ids));
  }

  /** Lower-case hex without leading zeros, as etcd's types.ID prints. */
  public static String hex(long id) { return Long.toHexString(id); }

  /** The ids persisted in {@code memberDir}, if this member has started before. */
  static Optional<long[]> load(Path memberDir) {
    Path file = memberDir.resolve(FILE);
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try {
      String[] parts = Files.readString(file).trim().split(" ");
      return Optional.of(new long[] {Long.parseUnsignedLong(parts[0], 16), Long.parseUnsignedLong(parts[1], 16)});
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Persists the ids durably (temp file, fsync, atomic rename) before Raft first writes. */
  void store(Path memberDir) {
    try {
      Files.createDirectories(memberDir);
      Path tmp = memberDir.resolve(FILE + ".tmp");
      byte[] text = (hex(memberId) + " " + hex(clusterId) + "\n").getBytes(StandardCharsets.US_ASCII);
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          StandardOpenOption.TRUNCATE_EXISTING)) {
        ch.write(ByteBuffer.wrap(text));
        ch.force(true);
      }
      Files.move(tmp, memberDir.resolve(FILE), StandardCopyOption.ATOMIC_MOVE);
      try (FileChannel dir = FileChannel.open(memberDir, StandardOpenOption.READ)) {
        dir.force(true);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] sha1(byte[] input) {
    try {
      return MessageDigest.getInstance("SHA-1").digest(input);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
