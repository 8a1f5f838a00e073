package io.etcdj.server.history;

/** One operation as a line of a report: id, client, interval in ticks, what it asked and heard. */
final class OperationText {
  private OperationText() {}

  static String of(Operation op) {
    String interval = "[" + op.invokeTick() + ", " + (op.unknown() ? "?" : String.valueOf(op.returnTick())) + "]";
    String answer = op.outcome() instanceof Outcome.Returned r ? output(r.output()) : "unknown outcome";
    return String.format("#%-4d client %-3d %-14s %s -> %s", op.id(), op.client(), interval, input(op.input()), answer);
  }

  static String input(Input in) {
    if (in instanceof Input.Put p) {
      return "put " + q(p.value());
    }
    if (in instanceof Input.Get) {
      return "get";
    }
    if (in instanceof Input.CompareAndSwap c) {
      return "cas " + q(c.prevValue()) + " -> " + q(c.value());
    }
    if (in instanceof Input.CompareAndDelete c) {
      return "cad " + q(c.prevValue());
    }
    if (in instanceof Input.Delete) {
      return "delete";
    }
    return "plain get at member " + ((Input.PlainGet) in).member();
  }

  static String output(Output out) {
    if (out instanceof Output.Ok ok) {
      return "ok @" + ok.modifiedIndex() + ", prev " + ok.prevValue().map(OperationText::q).orElse("absent");
    }
    if (out instanceof Output.Err err) {
      return "error " + err.code().code + " (" + err.code().message + ")";
    }
    if (out instanceof Output.Found f) {
      return "found " + q(f.value()) + " @" + f.modifiedIndex();
    }
    return "not found";
  }

  private static String q(String s) {
    return "\"" + s + "\"";
  }
}
