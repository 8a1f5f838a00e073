/**
 * The peer transport: Raft messages between the members of one cluster over TCP, on Netty and
 * protobuf (etcd's {@code rafthttp}, same semantics, our own wire format in
 * {@code src/main/proto/etcdj/transport/peer.proto}).
 *
 * <h2>Shape</h2>
 * <ul>
 *   <li>{@link io.etcdj.raft.transport.Transport} / {@link io.etcdj.raft.transport.RaftInbound}:
 *       the contract the member runtime codes against; {@link
 *       io.etcdj.raft.transport.PeerTransport} implements it.</li>
 *   <li>Per peer, this member dials a <b>control</b> lane (everything but MsgApp and MsgSnap),
 *       an <b>append</b> lane (MsgApp) and a <b>snapshot</b> connection per MsgSnap; the peer dials
 *       the same to us. Raft messages only ever flow from dialer to acceptor. Each lane has its
 *       own bounded queue ({@code queueCapacity}) and TCP connection, so a heartbeat or a vote
 *       never waits behind appends or a snapshot.</li>
 *   <li>Every connection starts with a Hello (protocol version, cluster id, sender, receiver,
 *       lane) answered by Welcome, or by Goodbye with the reason before the close.</li>
 *   <li>{@code send} runs on the Raft thread: it reserves queue places (or drops and reports
 *       unreachable, rate-limited), then hands each peer's batch to that peer's event loop as
 *       one task that writes the batch and flushes once.</li>
 *   <li>Lost connections are dialed again after 25 ms, doubling to 1 s; pings every second
 *       measure the round trip and find dead connections (5 s without a read).</li>
 * </ul>
 *
 * <h2>Threads</h2>
 * The transport's own event loops ({@code etcdj-peer-N}), never the client HTTP ones. Each peer's
 * outbound side ({@code RemotePeer}, its {@code OutboundStream}s and {@code SnapshotSender}s) is
 * owned by one loop chosen when the peer is added; each accepted connection by the loop that
 * accepted it. Shared state crosses threads only through {@code KnownPeers} and
 * {@code InboundChannels} (concurrent maps), the lanes' reservation counters and states, and the
 * counters behind {@link io.etcdj.raft.transport.PeerStats}.
 */
package io.etcdj.raft.transport;
