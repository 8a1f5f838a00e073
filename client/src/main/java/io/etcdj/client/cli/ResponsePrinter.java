package io.etcdj.client.cli;

import io.etcdj.client.Response;
import java.io.PrintWriter;

/** Prints one response the way etcdctl v2's printResponseKey does, for each output format. */
final class ResponsePrinter {
  private ResponsePrinter() {}

  static void print(PrintWriter out, Response r, OutputFormat format) {
    switch (format) {
      case SIMPLE -> {
        if (!"delete".equals(r.action())) {
          out.println(value(r.node() == null ? null : r.node().value()));
        } else {
          out.println("PrevNode.Value: " + value(r.prevNode() == null ? null : r.prevNode().value()));
        }
      }
      case EXTENDED -> {
        out.println("Key: " + value(r.node().key()));
        out.println("Created-Index: " + r.node().createdIndex());
        out.println("Modified-Index: " + r.node().modifiedIndex());
        if (r.prevNode() != null) out.println("PrevNode.Value: " + value(r.prevNode().value()));
        out.println("TTL: " + r.node().ttl());
        out.println("Index: " + r.etcdIndex());
        if (!"delete".equals(r.action())) {
          out.println();
          out.println(value(r.node().value()));
        }
      }
      case JSON -> out.println(GoJson.response(r));
    }
    out.flush();
  }

  private static String value(String s) { return s == null ? "" : s; }
}
