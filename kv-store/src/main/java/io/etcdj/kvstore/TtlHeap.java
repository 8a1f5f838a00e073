package io.etcdj.kvstore;

import java.util.Arrays;

/**
 * Min-heap of the nodes that have a TTL, by expiration; equal expirations (two TTLs set within
 * the same millisecond, which etcd's nanosecond clock tells apart) by the index their TTL was
 * set at, so the one set first expires first as in etcd, then by path. Every replica, and a
 * restored store, expires keys in the same order. Each node's {@link NodeTtl} keeps its
 * position, so removal and update cost O(log n). Every node in the heap has a TTL. Owned by the
 * apply thread.
 */
final class TtlHeap {
  private Node[] heap = new Node[16];
  private int size;

  int size() {
    return size;
  }

  Node peek() {
    return size == 0 ? null : heap[0];
  }

  void push(Node n) {
    if (n.ttl().heapIndex >= 0) {
      update(n);
      return;
    }
    if (size == heap.length) {
      heap = Arrays.copyOf(heap, size * 2);
    }
    heap[size] = n;
    n.ttl().heapIndex = size;
    size++;
    siftUp(size - 1);
  }

  Node pop() {
    if (size == 0) {
      return null;
    }
    Node top = heap[0];
    remove(top);
    return top;
  }

  /** Takes {@code n} out if it is in; a permanent node never is. */
  void remove(Node n) {
    NodeTtl ttl = n.ttl();
    int i = ttl == null ? -1 : ttl.heapIndex;
    if (i < 0) {
      return;
    }
    size--;
    Node last = heap[size];
    heap[size] = null;
    ttl.heapIndex = -1;
    if (i != size) {
      heap[i] = last;
      last.ttl().heapIndex = i;
      siftDown(i);
      siftUp(last.ttl().heapIndex);
    }
  }

  void update(Node n) {
    if (n.ttl().heapIndex < 0) {
      push(n);
      return;
    }
    siftDown(n.ttl().heapIndex);
    siftUp(n.ttl().heapIndex);
  }

  private static boolean less(Node a, Node b) {
    if (a.expireAtMs() != b.expireAtMs()) {
      return a.expireAtMs() < b.expireAtMs();
    }
    if (a.modifiedIndex != b.modifiedIndex) {
      return a.modifiedIndex < b.modifiedIndex;
    }
    // rare (equal expiration and index): paths are derived, not stored
    return a.path().compareTo(b.path()) < 0;
  }

  private void siftUp(int i) {
    Node n = heap[i];
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      Node p = heap[parent];
      if (!less(n, p)) {
        break;
      }
      heap[i] = p;
      p.ttl().heapIndex = i;
      i = parent;
    }
    heap[i] = n;
    n.ttl().heapIndex = i;
  }

  private void siftDown(int i) {
    Node n = heap[i];
    int half = size >>> 1;
    while (i < half) {
      int child = 2 * i + 1;
      int right = child + 1;
      if (right < size && less(heap[right], heap[child])) {
        child = right;
      }
      if (!less(heap[child], n)) {
        break;
      }
      heap[i] = heap[child];
      heap[i].ttl().heapIndex = i;
      i = child;
    }
    heap[i] = n;
    n.ttl().heapIndex = i;
  }
}
