package io.etcdj.http.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.etcdj.http.GoJson;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Users and roles in etcd's JSON, byte for byte as Go's encoding/json writes etcd's structs (field
 * order, omitempty, nil slices as null): the values under /2 (so a store etcd wrote and one
 * etcdj wrote hold the same bytes) and the bodies of /v2/auth answers. Stateless.
 */
final class AuthJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private AuthJson() {}

  /** v2auth.User: {@code password} omitted when empty (as in every answer), grant/revoke never set. */
  static String user(AuthUser user) {
    StringBuilder b = new StringBuilder("{\"user\":");
    GoJson.appendQuoted(b, user.name());
    if (!user.passwordHash().isEmpty()) {
      b.append(",\"password\":");
      GoJson.appendQuoted(b, user.passwordHash());
    }
    b.append(",\"roles\":");
    list(b, user.roles());
    return b.append('}').toString();
  }

  /** v2auth.Role: grant and revoke only when the body that created it carried them. */
  static String role(AuthRole role) {
    StringBuilder b = new StringBuilder();
    appendRole(b, role);
    return b.toString();
  }

  static void appendRole(StringBuilder b, AuthRole role) {
    b.append("{\"role\":");
    GoJson.appendQuoted(b, role.name());
    b.append(",\"permissions\":");
    permissions(b, role.permissions());
    if (role.grant() != null) {
      b.append(",\"grant\":");
      permissions(b, role.grant());
    }
    if (role.revoke() != null) {
      b.append(",\"revoke\":");
      permissions(b, role.revoke());
    }
    b.append('}');
  }

  /** v2http's userWithRoles: the user's roles in full, omitted when there are none. */
  static void appendUserWithRoles(StringBuilder b, String name, List<AuthRole> roles) {
    b.append("{\"user\":");
    GoJson.appendQuoted(b, name);
    if (!roles.isEmpty()) {
      b.append(",\"roles\":[");
      for (int i = 0; i < roles.size(); i++) {
        if (i > 0) {
          b.append(',');
        }
        appendRole(b, roles.get(i));
      }
      b.append(']');
    }
    b.append('}');
  }

  private static void permissions(StringBuilder b, Permissions p) {
    b.append("{\"kv\":{\"read\":");
    list(b, p.read());
    b.append(",\"write\":");
    list(b, p.write());
    b.append("}}");
  }

  private static void list(StringBuilder b, List<String> list) {
    if (list == null) {
      b.append("null");
      return;
    }
    b.append('[');
    for (int i = 0; i < list.size(); i++) {
      if (i > 0) {
        b.append(',');
      }
      GoJson.appendQuoted(b, list.get(i));
    }
    b.append(']');
  }

  /** A stored user (etcd's or ours); null when the value is not a user's JSON. */
  static AuthUser parseUser(String stored) {
    JsonNode n = tree(stored);
    if (n == null || !n.isObject()) {
      return null;
    }
    return new AuthUser(n.path("user").asText(""), n.path("password").asText(""), strings(n.get("roles")));
  }

  /** A stored role; null when the value is not a role's JSON. */
  static AuthRole parseRole(String stored) {
    JsonNode n = tree(stored);
    if (n == null || !n.isObject()) {
      return null;
    }
    return new AuthRole(n.path("role").asText(""), permissions(n.get("permissions")),
        n.hasNonNull("grant") ? permissions(n.get("grant")) : null,
        n.hasNonNull("revoke") ? permissions(n.get("revoke")) : null);
  }

  private static Permissions permissions(JsonNode n) {
    if (n == null || !n.isObject()) {
      return Permissions.NONE;
    }
    JsonNode kv = n.path("kv");
    return new Permissions(strings(kv.get("read")), strings(kv.get("write")));
  }

  private static List<String> strings(JsonNode n) {
    if (n == null || !n.isArray()) {
      return null;
    }
    List<String> out = new ArrayList<>(n.size());
    n.forEach(e -> out.add(e.asText("")));
    return out;
  }

  private static JsonNode tree(String stored) {
    try {
      return MAPPER.readTree(stored);
    } catch (IOException e) {
      return null;
    }
  }
}
