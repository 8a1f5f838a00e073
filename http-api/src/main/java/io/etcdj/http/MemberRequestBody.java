package io.etcdj.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The body of POST and PUT /v2/members as etcd reads it (httptypes.MemberCreateRequest's
 * UnmarshalJSON): Go's {@code json.Unmarshal} into {@code struct { PeerURLs []string }}, whose
 * messages etcd answers verbatim, then {@link GoUrl#newUrls}. Stateless.
 */
final class MemberRequestBody {
  /** How Go's reflect prints the anonymous struct etcd decodes into. */
  static final String STRUCT_TYPE = "struct { PeerURLs []string \"json:\\\"peerURLs\\\"\" }";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** A body etcd refuses with 400, and Go's message for it. */
  static final class Invalid extends Exception {
    Invalid(String message) { super(message, null, false, false); }
  }

  private MemberRequestBody() {}

  /** The peer URLs of {@code body}, sorted and as Go prints them; or why etcd refuses the body. */
  static List<String> peerUrls(byte[] body) throws Invalid {
    String syntax = GoJsonSyntax.error(body);
    if (syntax != null) {
      throw new Invalid(syntax);
    }
    List<String> urls;
    try (JsonParser parser = MAPPER.getFactory().createParser(body)) {
      urls = decode(parser);
    } catch (IOException e) {
      throw new Invalid(e.getMessage()); // not reached: the syntax was checked above
    }
    try {
      return GoUrl.newUrls(urls == null ? List.of() : urls);
    } catch (GoUrl.ParseException e) {
      throw new Invalid(e.getMessage());
    }
  }

  /**
   * Go's decoding: a key matches the field case-insensitively, every match is decoded in turn
   * (the last wins), a null empties the slice, a value of the wrong type is skipped and the first
   * such error is the answer once the whole value was decoded. Go decodes into the slice it
   * already has, so a null element of a repeated key keeps what the earlier one put there.
   */
  private static List<String> decode(JsonParser parser) throws IOException, Invalid {
    JsonToken first = parser.nextToken();
    if (first == JsonToken.VALUE_NULL) {
      return null;
    }
    if (first != JsonToken.START_OBJECT) {
      throw new Invalid("json: cannot unmarshal " + kind(MAPPER.readTree(parser)) + " into Go value of type "
          + STRUCT_TYPE);
    }
    String firstError = null;
    List<String> urls = null;
    List<String> backing = new ArrayList<>();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String key = parser.currentName();
      parser.nextToken();
      JsonNode value = MAPPER.readTree(parser);
      if (!key.equalsIgnoreCase("peerURLs")) {
        continue;
      }
      if (value.isNull()) {
        urls = null;
        backing = new ArrayList<>();
      } else if (!value.isArray()) {
        firstError = firstError != null ? firstError : fieldError(value, "[]string");
      } else {
        List<String> decoded = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
          JsonNode element = value.get(i);
          if (element.isTextual()) {
            decoded.add(element.asText());
          } else {
            if (!element.isNull()) {
              firstError = firstError != null ? firstError : fieldError(element, "string");
            }
            decoded.add(i < backing.size() ? backing.get(i) : "");
          }
        }
        for (int i = 0; i < decoded.size(); i++) {
          if (i < backing.size()) {
            backing.set(i, decoded.get(i));
          } else {
            backing.add(decoded.get(i));
          }
        }
        urls = decoded;
      }
    }
    if (firstError != null) {
      throw new Invalid(firstError);
    }
    return urls;
  }

  private static String fieldError(JsonNode value, String type) {
    return "json: cannot unmarshal " + kind(value) + " into Go struct field .peerURLs of type " + type;
  }

  /** Go's UnmarshalTypeError.Value for a JSON value. */
  private static String kind(JsonNode value) {
    if (value.isTextual()) {
      return "string";
    }
    if (value.isNumber()) {
      return "number";
    }
    if (value.isBoolean()) {
      return "bool";
    }
    return value.isArray() ? "array" : "object";
  }
}
