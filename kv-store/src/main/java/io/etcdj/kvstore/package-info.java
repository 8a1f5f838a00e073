/**
 * etcd 3.4's v2 store (etcdserver/api/v2store) as a deterministic state machine.
 *
 * <ul>
 *   <li>{@link io.etcdj.kvstore.Store}: the facade; {@code apply} maps commands onto etcd's
 *       Set/Create/Update/CompareAndSwap/Delete/CompareAndDelete/DeleteExpiredKeys as apply_v2.go
 *       does. The tree and its operations live in {@code KeyTree} and {@code Node}; TTLs in
 *       {@code TtlHeap}; watchers in {@code WatcherHub}/{@code HubWatcher}; the event ring in
 *       {@code EventHistory}; snapshots in {@code StoreSnapshot}.</li>
 *   <li>Memory: a node is one small object and one byte array ({@code NodeData}: its name and
 *       value as WTF-8); paths are derived from the parent chain, a directory's children are an
 *       array sorted by name (also the order of every listing), and only TTL nodes carry a
 *       {@code NodeTtl}. {@code StoreMemoryBenchmark} (module jmh) reports the heap per key.</li>
 *   <li>Threads: one apply thread owns every mutable structure and changes it under the store's
 *       write lock; GETs read under the read lock; watch registration and cancellation take the
 *       write lock. Events, node views and errors are immutable and shared freely.</li>
 *   <li>JSON: {@code GoJsonWriter} reproduces Go's encoding/json byte for byte (HTML-safe
 *       escaping, U+2028/U+2029, invalid UTF-16 as U+FFFD escapes), and each event is encoded
 *       once and memoized.</li>
 *   <li>No clock, no I/O: times come in with the commands ({@code timeMs}) and the reads
 *       ({@code nowMs}).</li>
 * </ul>
 */
package io.etcdj.kvstore;
