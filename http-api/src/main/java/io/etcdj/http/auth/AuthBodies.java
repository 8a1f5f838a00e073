package io.etcdj.http.auth;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The bodies of PUT /v2/auth/users/<name> and /roles/<name> as etcd reads them: Go's
 * json.Decoder into v2auth.User / v2auth.Role. Only the first JSON value counts (what follows it
 * is never read), keys match fields case-insensitively, unknown keys are skipped, null leaves a
 * field unset, and any syntax or type error is etcd's one 400 "Invalid JSON in request body.".
 * Stateless.
 */
final class AuthBodies {
  static final String INVALID = "Invalid JSON in request body.";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** A user PUT's body; lists null where Go's slices stay nil. */
  record UserBody(String user, String password, List<String> roles, List<String> grant, List<String> revoke) {}

  private AuthBodies() {}

  static UserBody user(byte[] body) throws AuthFailure {
    JsonNode n = firstValue(body);
    String user = "";
    String password = "";
    List<String> roles = null;
    List<String> grant = null;
    List<String> revoke = null;
    for (Map.Entry<String, JsonNode> field : fields(n)) {
      JsonNode v = field.getValue();
      switch (field.getKey().toLowerCase(Locale.ROOT)) {
        case "user" -> user = string(v, user);
        case "password" -> password = string(v, password);
        case "roles" -> roles = strings(v, roles);
        case "grant" -> grant = strings(v, grant);
        case "revoke" -> revoke = strings(v, revoke);
        default -> { }
      }
    }
    return new UserBody(user, password, roles, grant, revoke);
  }

  static AuthRole role(byte[] body) throws AuthFailure {
    JsonNode n = firstValue(body);
    String role = "";
    Permissions permissions = Permissions.NONE;
    Permissions grant = null;
    Permissions revoke = null;
    for (Map.Entry<String, JsonNode> field : fields(n)) {
      JsonNode v = field.getValue();
      switch (field.getKey().toLowerCase(Locale.ROOT)) {
        case "role" -> role = string(v, role);
        case "permissions" -> permissions = v.isNull() ? permissions : permissions(v, permissions);
        case "grant" -> grant = v.isNull() ? null : permissions(v, grant == null ? Permissions.NONE : grant);
        case "revoke" -> revoke = v.isNull() ? null : permissions(v, revoke == null ? Permissions.NONE : revoke);
        default -> { }
      }
    }
    return new AuthRole(role, permissions, grant, revoke);
  }

  /** Go's Permissions {KV RWPermission} decoded over {@code into}. */
  private static Permissions permissions(JsonNode n, Permissions into) throws AuthFailure {
    if (!n.isObject()) {
      throw invalid();
    }
    List<String> read = into.read();
    List<String> write = into.write();
    for (Map.Entry<String, JsonNode> field : fields(n)) {
      if (!field.getKey().equalsIgnoreCase("kv") || field.getValue().isNull()) {
        continue;
      }
      if (!field.getValue().isObject()) {
        throw invalid();
      }
      for (Map.Entry<String, JsonNode> rw : fields(field.getValue())) {
        if (rw.getKey().equalsIgnoreCase("read")) {
          read = strings(rw.getValue(), read);
        } else if (rw.getKey().equalsIgnoreCase("write")) {
          write = strings(rw.getValue(), write);
        }
      }
    }
    return new Permissions(read, write);
  }

  private static JsonNode firstValue(byte[] body) throws AuthFailure {
    try (JsonParser parser = MAPPER.getFactory().createParser(body)) {
      if (parser.nextToken() == null) {
        throw invalid(); // Go's io.EOF
      }
      JsonNode n = MAPPER.readTree(parser);
      if (n == null || !(n.isObject() || n.isNull())) {
        throw invalid();
      }
      return n;
    } catch (IOException e) {
      throw invalid();
    }
  }

  private static Iterable<Map.Entry<String, JsonNode>> fields(JsonNode n) {
    if (n.isNull()) {
      return List.of();
    }
    List<Map.Entry<String, JsonNode>> out = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
      out.add(it.next());
    }
    return out;
  }

  private static String string(JsonNode v, String current) throws AuthFailure {
    if (v.isNull()) {
      return current;
    }
    if (!v.isTextual()) {
      throw invalid();
    }
    return v.asText();
  }

  private static List<String> strings(JsonNode v, List<String> current) throws AuthFailure {
    if (v.isNull()) {
      return null;
    }
    if (!v.isArray()) {
      throw invalid();
    }
    List<String> out = new ArrayList<>(v.size());
    for (JsonNode e : v) {
      if (e.isNull()) {
        out.add("");
      } else if (e.isTextual()) {
        out.add(e.asText());
      } else {
        throw invalid();
      }
    }
    return out;
  }

  private static AuthFailure invalid() {
    return AuthFailure.badRequest(INVALID);
  }
}
