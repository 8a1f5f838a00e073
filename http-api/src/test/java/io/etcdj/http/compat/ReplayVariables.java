package io.etcdj.http.compat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Values a replay learns from its own answers (the id etcdj gave an added member) where etcd's
 * recording has its own (etcd's id depends on its clock): a step's {@code capture} names where
 * the value is; later steps send {@code {{var}}} as the captured value and expect it wherever
 * etcd's answer had the recorded one. Also puts members lists in the order the captured ids
 * give (etcd sorts members by numeric id). Owned by the test thread.
 */
final class ReplayVariables {
  private final ObjectMapper json;
  private final Map<String, String> recorded = new LinkedHashMap<>();
  private final Map<String, String> captured = new LinkedHashMap<>();

  ReplayVariables(ObjectMapper json) { this.json = json; }

  /** The step as this replay must run and check it, with every variable known so far. */
  JsonNode prepare(JsonNode step) {
    JsonNode prepared = step;
    if (!captured.isEmpty()) {
      String text = step.toString();
      for (Map.Entry<String, String> v : captured.entrySet()) {
        text = text.replace("{{" + v.getKey() + "}}", v.getValue()).replace(recorded.get(v.getKey()), v.getValue());
      }
      prepared = parse(text);
    }
    if (prepared.path("membersSortedById").asBoolean(false)) {
      prepared = sortMembers(prepared);
    }
    return prepared;
  }

  /**
   * Takes the value {@code step.capture} points at from etcdj's answer. Returns what is wrong
   * with it: missing, or (for an added member's id) not derived as etcd derives it.
   */
  List<String> capture(JsonNode step, JsonNode answer, long startedMs, long endedMs) {
    JsonNode capture = step.path("capture");
    if (capture.isMissingNode()) {
      return List.of();
    }
    String var = capture.get("var").asText();
    JsonNode value = answer;
    for (String part : capture.get("from").asText().replaceFirst("^response\\.json\\.", "").split("\\.")) {
      value = value == null ? null : value.get(part);
    }
    if (value == null || !value.isTextual()) {
      return List.of("capture " + var + ": etcdj's answer has no value at " + capture.get("from").asText());
    }
    recorded.put(var, capture.get("recorded").asText());
    captured.put(var, value.asText());
    JsonNode derivation = capture.path("idDerivation");
    if (derivation.isMissingNode()) {
      return List.of();
    }
    List<String> urls = new ArrayList<>();
    derivation.get("peerURLs").forEach(u -> urls.add(u.asText()));
    for (long s = startedMs / 1000 - 1; s <= endedMs / 1000 + 1; s++) {
      if (Long.toHexString(addedMemberId(urls, s)).equals(value.asText())) {
        return List.of();
      }
    }
    return List.of("capture " + var + ": id " + value.asText() + " is not etcd's sha1(sorted peer URLs + Unix "
        + "seconds) for any second of the request");
  }

  /** etcd's membership.NewMember for an added member: no cluster token, the clock's seconds. */
  static long addedMemberId(List<String> peerUrls, long unixSeconds) {
    StringBuilder b = new StringBuilder();
    peerUrls.stream().sorted().forEach(b::append);
    b.append(unixSeconds);
    try {
      byte[] hash = MessageDigest.getInstance("SHA-1").digest(b.toString().getBytes(StandardCharsets.UTF_8));
      return ByteBuffer.wrap(hash).getLong();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * etcd sorts the members list by numeric id; with a captured id in it the recorded order may
   * not be this replay's. The expected list (and body bytes) are put in the order the ids give.
   */
  private JsonNode sortMembers(JsonNode step) {
    JsonNode members = step.path("response").path("json").path("members");
    if (!members.isArray()) {
      return step;
    }
    List<JsonNode> sorted = new ArrayList<>();
    members.forEach(sorted::add);
    sorted.sort(Comparator.comparing((JsonNode m) -> Long.parseUnsignedLong(m.path("id").asText("0"), 16),
        Long::compareUnsigned));
    List<JsonNode> original = new ArrayList<>();
    members.forEach(original::add);
    if (sorted.equals(original)) {
      return step;
    }
    ObjectNode copy = step.deepCopy();
    ObjectNode response = (ObjectNode) copy.get("response");
    ArrayNode list = (ArrayNode) response.get("json").get("members");
    list.removeAll();
    list.addAll(sorted);
    String body = response.path("body").asText("");
    response.put("body", write(response.get("json")) + (body.endsWith("\n") ? "\n" : ""));
    return copy;
  }

  private JsonNode parse(String text) {
    try {
      return json.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a step with variables replaced is not JSON", e);
    }
  }

  private String write(JsonNode value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  Optional<String> value(String var) { return Optional.ofNullable(captured.get(var)); }
}
