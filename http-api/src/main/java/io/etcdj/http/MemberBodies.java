package io.etcdj.http;

import io.etcdj.server.Member;
import java.util.List;

/**
 * Members as etcd's v2 API writes them (httptypes.Member: id, name, peerURLs, clientURLs, in that
 * order), with Go's string escaping. Lists and single members go out through Go's json.Encoder,
 * so the callers add its trailing newline.
 */
final class MemberBodies {
  private MemberBodies() {}

  /** {@code {"members":[...]}} */
  static String collection(List<Member> members) {
    StringBuilder b = new StringBuilder("{\"members\":[");
    for (int i = 0; i < members.size(); i++) {
      if (i > 0) {
        b.append(',');
      }
      append(b, members.get(i));
    }
    return b.append("]}").toString();
  }

  static String member(Member m) {
    StringBuilder b = new StringBuilder();
    append(b, m);
    return b.toString();
  }

  private static void append(StringBuilder b, Member m) {
    b.append("{\"id\":\"").append(m.idHex()).append("\",\"name\":");
    GoJson.appendQuoted(b, m.name());
    b.append(",\"peerURLs\":");
    strings(b, m.peerUrls());
    b.append(",\"clientURLs\":");
    strings(b, m.clientUrls());
    b.append('}');
  }

  private static void strings(StringBuilder b, List<String> values) {
    b.append('[');
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        b.append(',');
      }
      GoJson.appendQuoted(b, values.get(i));
    }
    b.append(']');
  }
}
