package io.etcdj.kvstore;

import java.util.Arrays;

/**
 * Min-heap of the nodes that have a TTL, by expiration; equal expirations (two TTLs set within
 * the same millisecond, which etcd's nanosecond clock tells apart) by the index their TTL was
 * set at, so the one set first expires first as in etcd, then by path. Every replica, and a
 * restored store, expires keys in the same order. Each node keeps its own position, so removal
 * and update cost O(log n). Owned by the apply thread.
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
    if (n.heapIndex >= 0) {
      update(n);
      return;
    }
    if (size == heap.length) {
      heap = Arrays.copyOf(heap, size * 2);
    }
    heap[size] = n;
    n.heapIndex = size;
    size++;
    siftUp(n.heapIndex);
  }

  Node pop() {
    if (size == 0) {
      return null;
    }
    Node top = heap[0];
    remove(top);
    return top;
  }

  void remove(Node n) {
    int i = n.heapIndex;
    if (i < 0) {
      return;
    }
    size--;
    Node last = heap[size];
    heap[size] = null;
    n.heapIndex = -1;
    if (i != size) {
      heap[i] = last;
      last.heapIndex = i;
      siftDown(i);
      siftUp(last.heapIndex);
    }
  }

  void update(Node n) {
    if (n.heapIndex < 0) {
      push(n);
      return;
    }
    siftDown(n.heapIndex);
    siftUp(n.heapIndex);
  }

  private static boolean less(Node a, Node b) {
    if (a.expireAtMs != b.expireAtMs) {
      return a.expireAtMs < b.expireAtMs;
    }
    if (a.modifiedIndex != b.modifiedIndex) {
      return a.modifiedIndex < b.modifiedIndex;
    }
    return a.path.compareTo(b.path) < 0;
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
      p.heapIndex = i;
      i = parent;
    }
    heap[i] = n;
    n.heapIndex = i;
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
      heap[i].heapIndex = i;
      i = child;
    }
    heap[i] = n;
    n.heapIndex = i;
  }
}
