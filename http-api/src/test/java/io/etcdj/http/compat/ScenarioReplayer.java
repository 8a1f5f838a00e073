package io.etcdj.http.compat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Replays recorded scenarios against a running etcdj, step by step, and collects every
 * difference (it does not stop at the first, so one run shows all of a scenario's gaps).
 * Scenarios must be replayed in recorded order on one fresh server: indexes depend on it.
 * Owned by the test thread, like every connection it opens.
 */
final class ScenarioReplayer {
  /** Bounds each blocking read; a server that never answers fails the step, it cannot hang. */
  private static final int READ_TIMEOUT_MS = 10_000;
  /** etcd sends a watch's headers at once; waiting this long for them means it did not. */
  private static final int WATCH_HEAD_TIMEOUT_MS = 5_000;
  /** Keeps a failure message readable when etcdj differs everywhere. */
  private static final int MAX_REPORT_LINES = 150;

  private final ReplayTargets targets;
  private final ExtraSteps extras;
  private final ObjectMapper json;
  private final RaftIndexTracker raftIndex;
  private final ResponseComparison compare;
  private final ReplayVariables variables;
  private final List<String> skipped = new ArrayList<>();
  private final Map<String, OpenWatch> watches = new HashMap<>();
  /** Keep-alive connections named by exchange steps; closed at the end of each scenario. */
  private final Map<String, WireConnection> keepAlive = new HashMap<>();

  private record OpenWatch(WireConnection conn, boolean headPending, String method) { }

  ScenarioReplayer(String host, int port, ObjectMapper json) {
    this(ReplayTargets.single(host, port), ExtraSteps.NONE, new RaftIndexTracker(), json,
        ResponseComparison.EXACT_BODIES_REQUESTED);
  }

  /**
   * A replay whose steps go where {@code targets} says, with {@code extras} running the step
   * kinds of a cluster; {@code exactBodies} demands byte-identical JSON wherever comparable.
   */
  ScenarioReplayer(ReplayTargets targets, ExtraSteps extras, RaftIndexTracker raftIndex, ObjectMapper json,
                   boolean exactBodies) {
    this.targets = targets;
    this.extras = extras;
    this.json = json;
    this.raftIndex = raftIndex;
    this.compare = new ResponseComparison(json, raftIndex, exactBodies);
    this.variables = new ReplayVariables(json);
  }

  /** The steps not replayed so far, each with the deviation that explains why. */
  List<String> skipped() { return List.copyOf(skipped); }

  /** Every difference, grouped by step; empty when etcdj answered the scenario as etcd did. */
  List<String> replay(FixtureScenario scenario) {
    List<String> report = new ArrayList<>();
    int n = 0;
    for (JsonNode step : scenario.steps()) {
      n++;
      List<String> diffs;
      try {
        diffs = run(step, scenario.raftIndexVolatile());
      } catch (IOException | RuntimeException e) {
        diffs = List.of("failed: " + e);
      }
      if (!diffs.isEmpty()) {
        report.add("step " + n + " '" + step.get("name").asText() + "' " + describe(step));
        for (String d : diffs) {
          report.add("    " + d);
        }
      }
    }
    watches.values().forEach(w -> w.conn().close());
    watches.clear();
    keepAlive.values().forEach(WireConnection::close);
    keepAlive.clear();
    raftIndex.afterScenario(scenario.raftIndexVolatile());
    if (report.size() > MAX_REPORT_LINES) {
      int more = report.size() - MAX_REPORT_LINES;
      List<String> shortened = new ArrayList<>(report.subList(0, MAX_REPORT_LINES));
      shortened.add("... " + more + " more lines of differences");
      return shortened;
    }
    return report;
  }

  private List<String> run(JsonNode recorded, boolean volatileRaft) throws IOException {
    Optional<String> why = extras.skipped(recorded);
    if (why.isPresent()) {
      skipped.add(recorded.get("name").asText() + ": " + why.get());
      return List.of();
    }
    Optional<List<String>> extra = extras.run(recorded);
    if (extra.isPresent()) {
      return extra.get();
    }
    JsonNode step = variables.prepare(recorded);
    switch (step.get("kind").asText()) {
      case "exchange":
        return exchange(recorded, step, RecordedRequest.from(step.get("request")), step.get("response"),
            volatileRaft);
      case "watchOpen":
        return watchOpen(step, volatileRaft);
      case "watchEvent":
        return watchEvent(step);
      case "watchClose": {
        OpenWatch w = watches.remove(step.get("watch").asText());
        if (w != null) {
          w.conn().close();
        }
        return List.of();
      }
      case "bulk":
        return bulk(step, volatileRaft);
      case "pipeline":
        return pipeline(step, volatileRaft);
      default:
        throw new IllegalArgumentException("unknown step kind " + step.get("kind"));
    }
  }

  private List<String> exchange(JsonNode recorded, JsonNode step, RecordedRequest request, JsonNode expected,
      boolean volatileRaft) throws IOException {
    ReplayTargets.Target target = targets.of(step.path("member").asText(""));
    int readTimeoutMs = readTimeoutMs(step);
    String connName = step.path("conn").asText("");
    WireConnection conn = connName.isEmpty() ? WireConnection.open(target.host(), target.port(), readTimeoutMs)
        : keepAlive.get(connName);
    if (conn == null) {
      conn = WireConnection.open(target.host(), target.port(), readTimeoutMs);
      keepAlive.put(connName, conn);
    }
    long startedMs = System.currentTimeMillis();
    try {
      List<Integer> interim = new ArrayList<>();
      WireResponse head;
      try {
        if (request.awaitContinue()) {
          conn.send(request.headBytes(target.hostPort()));
          WireResponse first = readHeadOrTimeout(conn, request.method(), readTimeoutMs);
          if (first == null || first.status() >= 200) {
            dropKeepAlive(connName);
            return List.of("etcd answered 100 Continue to Expect: 100-continue before the body; etcdj "
                + (first == null ? "sent nothing within " + WATCH_HEAD_TIMEOUT_MS + " ms"
                    : "answered " + first.status()));
          }
          interim.add(first.status());
          conn.send(request.bodyBytes());
        } else {
          conn.send(request.bytes(target.hostPort()));
        }
        head = conn.readHead(request.method());
        while (head.status() >= 100 && head.status() < 200) {
          interim.add(head.status());
          head = conn.readHead(request.method());
        }
      } catch (EOFException e) {
        if (conn.receivedAnything()) {
          throw e;
        }
        return expected.path("closedWithoutResponse").asBoolean(false) ? List.of()
            : List.of("etcdj closed the connection without answering; etcd answered "
                + expected.path("status").asInt() + " "
                + ResponseComparison.abbreviate(expected.path("body").asText("")));
      }
      WireResponse actual = new WireResponse(head.status(), head.reason(), head.headers(), conn.readBody());
      List<String> captureProblems = List.of();
      if (step.has("capture")) {
        captureProblems = variables.capture(step, parseOrNull(actual), startedMs, System.currentTimeMillis());
        step = variables.prepare(recorded);
        expected = step.get("response");
      }
      TimeDependence td = TimeDependence.of(step);
      if (expected.path("closedWithoutResponse").asBoolean(false)) {
        return List.of("etcd closed the connection without answering; etcdj answered " + actual.status()
            + " " + ResponseComparison.abbreviate(actual.bodyText()));
      }
      boolean metrics = "metrics".equals(step.path("check").asText());
      List<String> diffs = new ArrayList<>(
          compare.head(step.get("name").asText(), expected, actual, td, metrics, volatileRaft));
      List<Integer> expectedInterim = new ArrayList<>();
      expected.path("interim").forEach(s -> expectedInterim.add(s.asInt()));
      if (!expectedInterim.equals(interim)) {
        diffs.add("interim answers: etcd " + expectedInterim + " but etcdj " + interim);
      }
      diffs.addAll(compare.body(step, expected, actual, td));
      diffs.addAll(captureProblems);
      return diffs;
    } catch (IOException | RuntimeException e) {
      dropKeepAlive(connName);
      throw e;
    } finally {
      if (connName.isEmpty()) {
        conn.close();
      }
    }
  }

  private void dropKeepAlive(String connName) {
    WireConnection conn = keepAlive.remove(connName);
    if (conn != null) {
      conn.close();
    }
  }

  /** The next head, or null if none comes within the watch-head timeout. */
  private static WireResponse readHeadOrTimeout(WireConnection conn, String method, int readTimeoutMs)
      throws IOException {
    conn.setReadTimeout(WATCH_HEAD_TIMEOUT_MS);
    try {
      return conn.readHead(method);
    } catch (SocketTimeoutException e) {
      return null;
    } finally {
      conn.setReadTimeout(readTimeoutMs);
    }
  }

  /**
   * How long to wait for an answer: etcd answered some requests only when its request timeout
   * (7 s) ran out, and then so must etcdj; what is checked is the answer, not how long it took.
   */
  private static int readTimeoutMs(JsonNode step) {
    return (int) Math.max(READ_TIMEOUT_MS, step.path("elapsedMs").asDouble(0) + READ_TIMEOUT_MS);
  }

  private JsonNode parseOrNull(WireResponse response) {
    try {
      return json.readTree(response.body());
    } catch (IOException e) {
      return null;
    }
  }

  private List<String> pipeline(JsonNode step, boolean volatileRaft) throws IOException {
    List<RecordedRequest> requests = new ArrayList<>();
    step.get("requests").forEach(r -> requests.add(RecordedRequest.from(r)));
    TimeDependence td = TimeDependence.of(step);
    List<String> diffs = new ArrayList<>();
    ReplayTargets.Target target = targets.of(step.path("member").asText(""));
    try (WireConnection conn = WireConnection.open(target.host(), target.port(), READ_TIMEOUT_MS)) {
      ByteArrayOutputStream wire = new ByteArrayOutputStream();
      requests.forEach(r -> wire.writeBytes(r.bytes(target.hostPort())));
      conn.send(wire.toByteArray());
      for (int i = 0; i < requests.size(); i++) {
        JsonNode expected = step.get("responses").get(i);
        WireResponse head = conn.readHead(requests.get(i).method());
        WireResponse actual = new WireResponse(head.status(), head.reason(), head.headers(), conn.readBody());
        String label = "answer " + (i + 1) + " (" + requests.get(i).requestLine() + "): ";
        compare.head(step.get("name").asText() + "#" + (i + 1), expected, actual, td, false, volatileRaft)
            .forEach(d -> diffs.add(label + d));
        compare.body(step, expected, actual, td).forEach(d -> diffs.add(label + d));
      }
    }
    return diffs;
  }

  private List<String> watchOpen(JsonNode step, boolean volatileRaft) throws IOException {
    RecordedRequest request = RecordedRequest.from(step.get("request"));
    ReplayTargets.Target target = targets.of(step.path("member").asText(""));
    WireConnection conn = WireConnection.open(target.host(), target.port(), READ_TIMEOUT_MS);
    conn.send(request.bytes(target.hostPort()));
    conn.setReadTimeout(WATCH_HEAD_TIMEOUT_MS);
    String name = step.get("watch").asText();
    try {
      WireResponse head = conn.readHead(request.method());
      conn.setReadTimeout(READ_TIMEOUT_MS);
      watches.put(name, new OpenWatch(conn, false, request.method()));
      return compare.head(name, step.get("response"), head, TimeDependence.of(step), false, volatileRaft);
    } catch (SocketTimeoutException e) {
      conn.setReadTimeout(READ_TIMEOUT_MS);
      watches.put(name, new OpenWatch(conn, true, request.method()));
      return List.of("no status and headers within " + WATCH_HEAD_TIMEOUT_MS
          + " ms; etcd sends them as soon as the watch is registered");
    } catch (IOException | RuntimeException e) {
      conn.close();
      throw e;
    }
  }

  private List<String> watchEvent(JsonNode step) throws IOException {
    String name = step.get("watch").asText();
    OpenWatch watch = watches.get(name);
    if (watch == null) {
      return List.of("skipped: watch '" + name + "' is not open (its opening step failed)");
    }
    List<String> diffs = new ArrayList<>();
    if (watch.headPending()) {
      WireResponse head = watch.conn().readHead(watch.method());
      diffs.add("(headers arrived only with the event: status " + head.status() + ")");
      watches.put(name, new OpenWatch(watch.conn(), false, watch.method()));
    }
    try {
      JsonNode event = watch.conn().readJsonValue(json);
      diffs.addAll(compare.event(step.get("event"), event, TimeDependence.of(step)).stream()
          .map(d -> "event " + d).toList());
      if (step.path("endsAfterEvent").asBoolean(false)) {
        if (!watch.conn().bodyEndsHere()) {
          diffs.add("long-poll body did not end after its one event");
        }
        watch.conn().close();
        watches.remove(name);
      }
    } catch (SocketTimeoutException e) {
      diffs.add("no event within " + READ_TIMEOUT_MS + " ms; etcd sent " + step.get("event"));
      watch.conn().close();
      watches.remove(name);
    }
    return diffs;
  }

  private List<String> bulk(JsonNode step, boolean volatileRaft) throws IOException {
    JsonNode template = step.get("request");
    int count = step.get("count").asInt();
    for (int i = 1; i <= count; i++) {
      String head = template.get("head").asText().replace("{{i}}", Integer.toString(i));
      RecordedRequest request = RecordedRequest.headOnly(head);
      if (i < count) {
        ReplayTargets.Target target = targets.of(step.path("member").asText(""));
        try (WireConnection conn = WireConnection.open(target.host(), target.port(), READ_TIMEOUT_MS)) {
          conn.send(request.bytes(target.hostPort()));
          WireResponse r = conn.readHead(request.method());
          conn.readBody();
          if (r.status() >= 300) {
            return List.of("bulk request " + i + " of " + count + " (" + request.requestLine()
                + "): status " + r.status() + ", etcd answered every one with 2xx");
          }
        }
      } else {
        return exchange(step, step, request, step.get("lastResponse"), volatileRaft);
      }
    }
    return List.of();
  }

  private static String describe(JsonNode step) {
    String kind = step.get("kind").asText();
    if (step.has("requests")) {
      return kind + " of " + step.get("requests").size() + " requests";
    }
    if (step.has("request")) {
      String line = RecordedRequest.from(step.get("request")).requestLine();
      return kind.equals("exchange") ? line : kind + " " + line;
    }
    return kind + " " + step.path("watch").asText();
  }
}
