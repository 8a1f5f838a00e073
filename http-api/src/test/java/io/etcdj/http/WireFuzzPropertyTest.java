package io.etcdj.http;

import io.etcdj.http.WireExchange.Answer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Bad input over real sockets to the running server (one member for the whole class): generated
 * connections, each a pipeline of requests, valid writes mixed with malformed request lines,
 * targets, headers, framing, forms and bodies, sent at once and then half-closed or ended by a
 * closing GET. Every request read gets exactly its own answer, in order (an etcd-style error with
 * the status etcd gives, or Go's refusal where etcd closes, after which nothing more is read);
 * never a 500, a hang (30 s read timeout, a failure signal, not a timing check) or a missing
 * answer; and afterwards the try's keys equal a model that applied only the valid writes.
 *
 * <p>300 tries by default; {@code -Djqwik.tries.default=N} (jqwik's own setting) makes a bigger run; the counts of
 * requests and answers by status are printed at the end.
 */
class WireFuzzPropertyTest {
  private static final String FORM = "Content-Type: application/x-www-form-urlencoded\r\n";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final AtomicInteger TRIES = new AtomicInteger();
  private static final AtomicInteger REQUESTS = new AtomicInteger();
  private static final Map<Integer, AtomicInteger> STATUSES = new ConcurrentHashMap<>();
  private static final AtomicInteger CLOSED_WITHOUT_ANSWER = new AtomicInteger();

  private static Path dir;
  private static EtcdjServer server;
  private static URI base;

  @BeforeContainer static void start() throws IOException {
    dir = Files.createTempDirectory("wire-fuzz");
    server = SingleMember.start(dir);
    base = server.clientUrls().get(0);
  }

  @AfterContainer static void stop() throws IOException {
    server.close();
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
    System.out.printf("wire fuzz: %d tries, %d requests, answers by status %s, %d refused with a bare close%n",
        TRIES.get(), REQUESTS.get(), new TreeMap<>(STATUSES), CLOSED_WITHOUT_ANSWER.get());
  }

  // ---- the requests --------------------------------------------------------------------------

  /** What the model expects of one request's answer, and what it does to the model. */
  interface Step {
    /** The bytes of the request, in the try's namespace {@code ns}. */
    String bytes(String ns, boolean first);

    /** Checks the answer (status, body) against the model before this step, and applies the step. */
    void check(Answer answer, Map<String, String> model);

    /** How many answers the bytes of this step get (two when they hold a second, broken request). */
    default int answers() { return 1; }

    default void check(List<Answer> answers, Map<String, String> model) {
      check(answers.get(0), model);
    }

    /** Whether Go closes the connection after answering this request (nothing after it is read). */
    default boolean closes(boolean first) { return false; }

    /** A request etcd's cmux drops without an answer when it is a connection's first. */
    default boolean unansweredWhenFirst() { return false; }
  }

  /** A key: one path segment of letters, digits, '-' and a few escaped bytes, some not UTF-8. */
  record Key(String raw, String decodedVisible) {}

  /** A valid PUT with one of the framings Go accepts. */
  record Put(Key key, String rawValue, String visibleValue, int framing) implements Step {
    public String bytes(String ns, boolean first) {
      String body = "value=" + rawValue;
      String target = "/v2/keys/" + ns + "/" + key.raw;
      return switch (framing) {
        case 0 -> "PUT " + target + " HTTP/1.1\r\nHost: h\r\n" + FORM + "Content-Length: " + body.length() + "\r\n\r\n" + body;
        case 1 -> ("PUT " + target + " HTTP/1.1\nHost: h\n" + FORM.replace("\r\n", "\n") + "Content-Length: "
            + body.length() + "\n\n" + body); // bare LF lines
        case 2 -> "PUT " + target + " HTTP/1.1\r\nHost: h\r\n" + FORM + "Transfer-Encoding: chunked\r\n\r\n"
            + Integer.toHexString(body.length()) + ";ext=1 \r\n" + body + "\r\n0\r\n\r\n"; // chunk size, extension, space
        case 3 -> "PUT " + target + " HTTP/1.1\r\nHost: h\r\n" + FORM + "Content-Length: " + body.length()
            + "\r\nContent-Length:  " + body.length() + "\r\n: no name\r\nX-Folded: a\r\n b\r\n\r\n" + body;
        case 4 -> "PUT " + target + "?value=" + rawValue + " HTTP/1.1\r\nHost: h\r\n"
            + "X-Flood: v\r\n".repeat(200) + "Content-Length: 0\r\n\r\n"; // value in the query, many headers
        case 5 -> "PUT " + target + " HTTP/1.1\r\nHost: h\r\n" + FORM + "Content-Length: 000" + body.length()
            + "\r\nExpect: 100-continue\r\n\r\n" + body;
        default -> "PUT " + target + " HTTP/1.1\r\nHost: h\r\nContent-Type: APPLICATION/X-WWW-FORM-URLENCODED; "
            + "charset=utf-8\r\nContent-Length: " + body.length() + "\r\n\r\n" + body; // odd but valid media type
      };
    }

    public void check(Answer answer, Map<String, String> model) {
      assertThat(answer.status()).as(answer.head()).isIn(200, 201);
      assertThat(json(answer.body()).at("/node/value").asText()).isEqualTo(visibleValue);
      model.put(key.decodedVisible + "\u0000" + key.raw, visibleValue);
    }
  }

  record Get(Key key) implements Step {
    public String bytes(String ns, boolean first) {
      return "GET /v2/keys/" + ns + "/" + key.raw + " HTTP/1.1\r\nHost: h\r\n\r\n";
    }

    public void check(Answer answer, Map<String, String> model) {
      String value = model.get(key.decodedVisible + "\u0000" + key.raw);
      if (value == null) {
        assertThat(answer.status()).as(answer.head()).isEqualTo(404);
        assertThat(json(answer.body()).get("errorCode").asInt()).isEqualTo(100);
      } else {
        assertThat(answer.status()).as(answer.head()).isEqualTo(200);
        assertThat(json(answer.body()).at("/node/value").asText()).isEqualTo(value);
      }
    }
  }

  record Delete(Key key) implements Step {
    public String bytes(String ns, boolean first) {
      return "DELETE /v2/keys/" + ns + "/" + key.raw + " HTTP/1.1\r\nHost: h\r\nContent-Length: 0\r\n\r\n";
    }

    public void check(Answer answer, Map<String, String> model) {
      String removed = model.remove(key.decodedVisible + "\u0000" + key.raw);
      assertThat(answer.status()).as(answer.head()).isEqualTo(removed == null ? 404 : 200);
      assertThat(json(answer.body()).has(removed == null ? "errorCode" : "action")).isTrue();
    }
  }

  /** A PUT whose body Go does not read as a form (no or another Content-Type): the value is "". */
  record PutIgnoredBody(Key key, boolean noType) implements Step {
    public String bytes(String ns, boolean first) {
      return "PUT /v2/keys/" + ns + "/" + key.raw + " HTTP/1.1\r\nHost: h\r\n"
          + (noType ? "" : "Content-Type: text/plain\r\n") + "Content-Length: 7\r\n\r\nvalue=1";
    }

    public void check(Answer answer, Map<String, String> model) {
      assertThat(answer.status()).as(answer.head()).isIn(200, 201);
      assertThat(json(answer.body()).at("/node/value").asText()).isEmpty();
      model.put(key.decodedVisible + "\u0000" + key.raw, "");
    }
  }

  /**
   * A Content-Length shorter than the body: Go reads only what it says (a valid PUT of the
   * shorter value), then takes the rest for a request line that is not one: a bare 400, then
   * the close.
   */
  record LyingShortLength(Key key) implements Step {
    public String bytes(String ns, boolean first) {
      return "PUT /v2/keys/" + ns + "/" + key.raw + " HTTP/1.1\r\nHost: h\r\n" + FORM
          + "Content-Length: 7\r\n\r\nvalue=12\u0001\r\n";
    }

    public void check(Answer answer, Map<String, String> model) {
      throw new AssertionError("two answers");
    }

    public int answers() { return 2; }

    public void check(List<Answer> answers, Map<String, String> model) {
      assertThat(answers.get(0).status()).as(answers.get(0).head()).isIn(200, 201);
      assertThat(json(answers.get(0).body()).at("/node/value").asText()).isEqualTo("1");
      model.put(key.decodedVisible + "\u0000" + key.raw, "1");
      assertThat(answers.get(1).head()).isEqualTo("HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain; charset=utf-8\r\n"
          + "Connection: close");
    }

    public boolean closes(boolean first) { return true; }
  }

  /** A body the connection ends before (a lying, longer Content-Length, then the half-close). */
  record TruncatedBody(Key key) implements Step {
    public String bytes(String ns, boolean first) {
      return "PUT /v2/keys/" + ns + "/" + key.raw + " HTTP/1.1\r\nHost: h\r\n" + FORM
          + "Content-Length: 30\r\n\r\nvalue=1";
    }

    public void check(Answer answer, Map<String, String> model) {
      assertThat(answer.status()).as(answer.head()).isEqualTo(400);
      assertThat(json(answer.body()).get("cause").asText()).isEqualTo("unexpected EOF");
    }

    public boolean closes(boolean first) { return true; }
  }

  /** A form past Go's 10 MiB: "http: POST too large", then the close. */
  record Oversize(Key key) implements Step {
    public String bytes(String ns, boolean first) {
      int size = 10 * 1024 * 1024 + 64;
      return "PUT /v2/keys/" + ns + "/" + key.raw + " HTTP/1.1\r\nHost: h\r\n" + FORM
          + "Content-Length: " + size + "\r\n\r\nvalue=" + "x".repeat(size - 6);
    }

    public void check(Answer answer, Map<String, String> model) {
      assertThat(answer.status()).as(answer.head()).isEqualTo(400);
      assertThat(answer.head()).contains("Connection: close");
      assertThat(json(answer.body()).get("cause").asText()).isEqualTo("http: POST too large");
    }

    public boolean closes(boolean first) { return true; }
  }

  /** A request etcd answers with an error and keeps the connection for (a bad form, method, path). */
  record Refused(Key key, int kind) implements Step {
    static final int KINDS = 11;

    public String bytes(String ns, boolean first) {
      String target = "/v2/keys/" + ns + "/" + key.raw;
      return switch (kind) {
        case 0 -> "PUT " + target + "?prevExist=maybe HTTP/1.1\r\nHost: h\r\n" + FORM + "Content-Length: 7\r\n\r\nvalue=1";
        case 1 -> "PUT " + target + "?ttl=-99999999999999999999 HTTP/1.1\r\nHost: h\r\n" + FORM + "Content-Length: 7\r\n\r\nvalue=1";
        case 2 -> "PUT " + target + " HTTP/1.1\r\nHost: h\r\n" + FORM + "Content-Length: 25\r\n\r\nvalue=1&prevIndex=1e99999";
        case 3 -> "PUT " + target + "?dir=maybe&dir=true HTTP/1.1\r\nHost: h\r\nContent-Length: 0\r\n\r\n";
        case 4 -> "PATCH " + target + " HTTP/1.1\r\nHost: h\r\n" + FORM + "Content-Length: 7\r\n\r\nvalue=1";
        case 5 -> "PUT /v2/keys/" + ns + "/x/../" + key.raw + " HTTP/1.1\r\nHost: h\r\n" + FORM + "Content-Length: 7\r\n\r\nvalue=1";
        case 6 -> "PUT /v2/keys/" + ns + "//" + key.raw + " HTTP/1.1\r\nHost: h\r\n" + FORM + "Content-Length: 7\r\n\r\nvalue=1";
        case 7 -> "PUT " + target + " HTTP/1.1\r\nHost: h\r\n" + FORM + "Content-Length: 11\r\n\r\nvalue=%zz1&";
        case 8 -> "PUT " + target + "?prevIndex=18446744073709551616 HTTP/1.1\r\nHost: h\r\n"
            + "Content-Type: text/plain\r\nContent-Length: 7\r\n\r\nvalue=1";
        case 9 -> "PUT " + target + " HTTP/1.1\r\nHost: h\r\nContent-Type: ;;;\r\nContent-Length: 7\r\n\r\nvalue=1";
        default -> "PUT " + ns + ":" + key.raw + "?x=1 HTTP/1.1\r\nHost: h\r\n" + FORM + "Content-Length: 7\r\n\r\nvalue=1";
      };
    }

    public void check(Answer answer, Map<String, String> model) {
      switch (kind) {
        case 4 -> assertThat(answer.status()).as(answer.head()).isEqualTo(405);
        case 5, 6 -> assertThat(answer.status()).as(answer.head()).isEqualTo(301);
        case 10 -> assertThat(answer.head()).startsWith("HTTP/1.1 301").contains("\r\nLocation: /?x=1\r\n"); // opaque URL
        default -> {
          assertThat(answer.status()).as(answer.head()).isEqualTo(400);
          assertThat(json(answer.body()).get("errorCode").asInt()).isBetween(200, 299);
        }
      }
    }
  }

  /** A request Go refuses before etcd sees it (or whose body it cannot read): answered, then closed. */
  record Closing(Key key, int kind) implements Step {
    static final int KINDS = 11;

    public String bytes(String ns, boolean first) {
      String target = "/v2/keys/" + ns + "/" + key.raw;
      String put = "PUT " + target + " HTTP/1.1\r\nHost: h\r\n" + FORM;
      return switch (kind) {
        case 0 -> "PUT " + target + "\u0001 HTTP/1.1\r\nHost: h\r\n" + FORM + "Content-Length: 7\r\n\r\nvalue=1";
        case 1 -> "PUT v2/keys/" + ns + "/" + key.raw + " HTTP/1.1\r\nHost: h\r\n" + FORM + "Content-Length: 7\r\n\r\nvalue=1";
        case 2 -> put + "Transfer-Encoding: gzip, chunked\r\n\r\n7\r\nvalue=1\r\n0\r\n\r\n";
        case 3 -> put + "Content-Length: 7\r\nContent-Length: 8\r\n\r\nvalue=1";
        case 4 -> put + "Bad Name: x\r\nContent-Length: 7\r\n\r\nvalue=1";
        case 5 -> put + "Transfer-Encoding: chunked\r\n\r\n0x7\r\nvalue=1\r\n0\r\n\r\n";
        case 6 -> put + "Expect: teapot\r\nContent-Length: 7\r\n\r\nvalue=1";
        case 7 -> "PUT " + target + " HTTP/1.10\r\nHost: h\r\n" + FORM + "Content-Length: 7\r\n\r\nvalue=1";
        case 8 -> put + "Transfer-Encoding: chunked\r\n\r\n7\r\nvalue=1XX0\r\n\r\n";
        case 9 -> put + "Content-Length: -7\r\n\r\nvalue=1";
        default -> "PUT " + target + " HTTP/1.1\r\n" + FORM + "Content-Length: 7\r\n\r\nvalue=1"; // no Host
      };
    }

    public void check(Answer answer, Map<String, String> model) {
      int expected = switch (kind) {
        case 2 -> 501;
        case 6 -> 417;
        default -> 400;
      };
      assertThat(answer.status()).as(answer.head()).isEqualTo(expected);
      if (kind == 5 || kind == 8) {
        assertThat(json(answer.body()).get("errorCode").asInt()).isEqualTo(210); // Invalid POST form, Go's cause
      }
    }

    public boolean closes(boolean first) { return true; }

    public boolean unansweredWhenFirst() { return kind == 7; } // cmux: not an HTTP/1 request line
  }

  // ---- generators ----------------------------------------------------------------------------

  /** One connection: its requests, whether it ends by a half-close, and a truncated body at its end. */
  record Conn(List<Step> steps, boolean halfClose) {}

  @Provide Arbitrary<List<Conn>> connections() {
    Arbitrary<Step> step = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(60, puts()),
        net.jqwik.api.Tuple.of(8, Combinators.combine(keys(), Arbitraries.of(true, false)).as(PutIgnoredBody::new)),
        net.jqwik.api.Tuple.of(30, keys().map(Get::new)),
        net.jqwik.api.Tuple.of(20, keys().map(Delete::new)),
        net.jqwik.api.Tuple.of(30, Combinators.combine(keys(), Arbitraries.integers().between(0, Refused.KINDS - 1)).as(Refused::new)),
        net.jqwik.api.Tuple.of(20, Combinators.combine(keys(), Arbitraries.integers().between(0, Closing.KINDS - 1)).as(Closing::new)),
        net.jqwik.api.Tuple.of(4, keys().map(LyingShortLength::new)),
        // 10 MiB each: about two per 300 tries
        net.jqwik.api.Tuple.of(1, Combinators.combine(keys(), Arbitraries.integers().between(0, 3))
            .as((key, one) -> one == 0 ? new Oversize(key) : new Get(key))));
    Arbitrary<Conn> conn = Combinators.combine(step.list().ofMinSize(1).ofMaxSize(6), Arbitraries.of(true, false),
        Arbitraries.integers().between(0, 9), keys())
        .as((steps, halfClose, tail, key) -> {
          if (halfClose && tail == 0) { // a body cut short by the half-close can only come last
            steps = new ArrayList<>(steps);
            steps.add(new TruncatedBody(key));
          }
          return new Conn(steps, halfClose);
        });
    return conn.list().ofMinSize(1).ofMaxSize(3);
  }

  private static Arbitrary<Step> puts() {
    return Combinators.combine(keys(), values(), Arbitraries.integers().between(0, 5))
        .as((k, v, framing) -> new Put(k, v[0], v[1], framing));
  }

  /** Keys from a small alphabet so that tries write, read and delete the same keys. */
  private static Arbitrary<Key> keys() {
    Arbitrary<String[]> piece = Arbitraries.of(
        new String[] {"a", "a"}, new String[] {"b", "b"}, new String[] {"7", "7"}, new String[] {"-", "-"},
        new String[] {"%ff", "\ufffd"}, new String[] {"%fe", "\ufffd"}, new String[] {"%80", "\ufffd"},
        new String[] {"%c3%a9", "\u00e9"}, new String[] {"%e2%82%ac", "\u20ac"}, new String[] {"%41", "A"},
        new String[] {"%20", " "});
    Arbitrary<Key> shortKeys = piece.list().ofMinSize(1).ofMaxSize(3).map(pieces -> {
      StringBuilder raw = new StringBuilder();
      StringBuilder visible = new StringBuilder();
      for (String[] p : pieces) {
        raw.append(p[0]);
        visible.append(p[1]);
      }
      return new Key(raw.toString(), visible.toString());
    });
    Arbitrary<Key> longKeys = Arbitraries.integers().between(200, 1500).map(n -> new Key("k".repeat(n), "k".repeat(n)));
    return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(20, shortKeys), net.jqwik.api.Tuple.of(1, longKeys));
  }

  /** A form value (raw, as sent) and what the JSON shows of it. */
  private static Arbitrary<String[]> values() {
    return Arbitraries.of(
        new String[] {"1", "1"}, new String[] {"", ""}, new String[] {"a+b", "a b"}, new String[] {"%ff%fe", "\ufffd\ufffd"},
        new String[] {"%22q%22", "\"q\""}, new String[] {"%e2%82%ac", "\u20ac"}, new String[] {"x%26y%3Dz", "x&y=z"},
        new String[] {"9".repeat(300), "9".repeat(300)});
  }

  // ---- the property --------------------------------------------------------------------------

  @Property // 300 tries (junit-platform.properties); -Djqwik.tries.default=N for more
  void everyRequestIsAnsweredInOrderAndOnlyValidWritesChangeTheStore(@ForAll("connections") List<Conn> connections)
      throws IOException {
    String ns = "f" + TRIES.incrementAndGet();
    Map<String, String> model = new LinkedHashMap<>();
    for (Conn conn : connections) {
      List<Step> steps = conn.steps;
      StringBuilder out = new StringBuilder();
      int read = 0; // how many of the steps are read (and so answered) before a close
      int expected = 0;
      boolean closedEarly = false;
      boolean unansweredClose = false;
      for (int i = 0; i < steps.size() && !closedEarly; i++) {
        Step s = steps.get(i);
        out.append(s.bytes(ns, i == 0));
        read++;
        expected += s.answers();
        if (s.closes(i == 0)) {
          closedEarly = true;
          unansweredClose = i == 0 && s.unansweredWhenFirst();
        }
      }
      for (int i = read; i < steps.size(); i++) {
        out.append(steps.get(i).bytes(ns, false)); // sent, but never read: Go closed before them
      }
      if (!conn.halfClose && !closedEarly) {
        out.append("GET /v2/keys/").append(ns).append(" HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n");
        expected++;
      }
      List<Answer> answers = WireExchange.answers(base, out.toString(), conn.halfClose);
      REQUESTS.addAndGet(steps.size());
      if (unansweredClose) {
        CLOSED_WITHOUT_ANSWER.incrementAndGet();
        assertThat(answers).isEmpty();
        continue;
      }
      assertThat(answers).as("answers to %s", abbreviated(out)).hasSize(expected);
      int at = 0;
      for (int i = 0; i < read; i++) {
        Step s = steps.get(i);
        List<Answer> mine = answers.subList(at, at + s.answers());
        at += s.answers();
        for (Answer a : mine) {
          STATUSES.computeIfAbsent(a.status(), k -> new AtomicInteger()).incrementAndGet();
          assertThat(a.status()).as(a.head()).isNotEqualTo(500);
        }
        s.check(mine, model);
      }
    }
    assertThat(stored(ns)).isEqualTo(visible(model));
  }

  private static String abbreviated(CharSequence requests) {
    return requests.length() <= 4000 ? requests.toString() : requests.subSequence(0, 4000) + "...";
  }

  /** The try's keys as the store lists them: (key as JSON shows it, value) pairs, sorted. */
  private static List<String> stored(String ns) throws IOException {
    List<Answer> answers = WireExchange.answers(base, "GET /v2/keys/" + ns + "?recursive=true HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n", false);
    assertThat(answers).hasSize(1);
    List<String> pairs = new ArrayList<>();
    if (answers.get(0).status() == 404) {
      return pairs;
    }
    assertThat(answers.get(0).status()).isEqualTo(200);
    for (JsonNode node : json(answers.get(0).body()).at("/node/nodes")) {
      pairs.add(node.get("key").asText().substring(ns.length() + 2) + " = " + node.get("value").asText());
    }
    pairs.sort(null);
    return pairs;
  }

  private static List<String> visible(Map<String, String> model) {
    List<String> pairs = new ArrayList<>();
    model.forEach((k, v) -> pairs.add(k.substring(0, k.indexOf('\u0000')) + " = " + v));
    pairs.sort(null);
    return pairs;
  }

  /** {@code body} holds one char per byte; JSON is UTF-8. */
  private static JsonNode json(String body) {
    try {
      return JSON.readTree(body.getBytes(StandardCharsets.ISO_8859_1));
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + body, e);
    }
  }

}
