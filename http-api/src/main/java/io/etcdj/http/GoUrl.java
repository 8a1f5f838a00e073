package io.etcdj.http;

import io.etcdj.http.keys.GoQuote;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Go's {@code net/url.Parse} and {@code URL.String}, as far as etcd's {@code types.NewURLs}
 * uses them to check the peer URLs of /v2/members: etcd answers the parse errors verbatim
 * ({@code parse "127.0.0.1:2380": first path segment in URL cannot contain colon}) and stores
 * each URL as {@code String()} prints it (the scheme lower-cased). Go works on bytes: the text
 * is handled here as one char per UTF-8 byte. Immutable.
 */
final class GoUrl {
  /** A URL Go rejects, with Go's message (the {@code *url.Error} text). */
  static final class ParseException extends Exception {
    ParseException(String message) { super(message, null, false, false); }
  }

  private enum Mode { PATH, HOST, ZONE, USER_PASSWORD, FRAGMENT }

  final String scheme;
  final String opaque;
  /** Decoded user name and password; null when the URL has no userinfo / no password. */
  final String user;
  final String password;
  final String host;
  final String path;
  final String rawQuery;
  final boolean forceQuery;
  final String fragment;
  private final String rawFragment;

  private GoUrl(String scheme, String opaque, String user, String password, String host, String path,
                String rawQuery, boolean forceQuery, String fragment, String rawFragment) {
    this.scheme = scheme;
    this.opaque = opaque;
    this.user = user;
    this.password = password;
    this.host = host;
    this.path = path;
    this.rawQuery = rawQuery;
    this.forceQuery = forceQuery;
    this.fragment = fragment;
    this.rawFragment = rawFragment;
  }

  /** url.Parse: the URL, or Go's error text. */
  static GoUrl parse(String text) throws ParseException {
    String raw = bytes(text);
    int hash = raw.indexOf('#');
    String u = hash < 0 ? raw : raw.substring(0, hash);
    GoUrl url;
    try {
      url = parseWithoutFragment(u);
    } catch (ParseException e) {
      throw wrap(u, e);
    }
    if (hash < 0) {
      return url;
    }
    String frag = raw.substring(hash + 1);
    try {
      String fragment = unescape(frag, Mode.FRAGMENT);
      return new GoUrl(url.scheme, url.opaque, url.user, url.password, url.host, url.path, url.rawQuery,
          url.forceQuery, fragment, frag.equals(escape(fragment, Mode.FRAGMENT)) ? "" : frag);
    } catch (ParseException e) {
      throw wrap(raw, e);
    }
  }

  private static ParseException wrap(String url, ParseException e) {
    return new ParseException("parse " + GoQuote.quote(text(url)) + ": " + e.getMessage());
  }

  private static GoUrl parseWithoutFragment(String raw) throws ParseException {
    for (int i = 0; i < raw.length(); i++) {
      if (raw.charAt(i) < ' ' || raw.charAt(i) == 0x7f) {
        throw new ParseException("net/url: invalid control character in URL");
      }
    }
    if (raw.equals("*")) {
      return new GoUrl("", "", null, null, "", "*", "", false, "", "");
    }
    String scheme = "";
    String rest = raw;
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
        continue;
      }
      if ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.') {
        if (i == 0) {
          break;
        }
        continue;
      }
      if (c == ':') {
        if (i == 0) {
          throw new ParseException("missing protocol scheme");
        }
        scheme = raw.substring(0, i).toLowerCase(java.util.Locale.ROOT);
        rest = raw.substring(i + 1);
      }
      break;
    }
    String rawQuery = "";
    boolean forceQuery = false;
    if (rest.endsWith("?") && rest.indexOf('?') == rest.length() - 1) {
      forceQuery = true;
      rest = rest.substring(0, rest.length() - 1);
    } else {
      int q = rest.indexOf('?');
      if (q >= 0) {
        rawQuery = rest.substring(q + 1);
        rest = rest.substring(0, q);
      }
    }
    if (!rest.startsWith("/")) {
      if (!scheme.isEmpty()) {
        return new GoUrl(scheme, rest, null, null, "", "", rawQuery, forceQuery, "", "");
      }
      int slash = rest.indexOf('/');
      if ((slash < 0 ? rest : rest.substring(0, slash)).contains(":")) {
        throw new ParseException("first path segment in URL cannot contain colon");
      }
    }
    String user = null;
    String password = null;
    String host = "";
    if ((!scheme.isEmpty() || !rest.startsWith("///")) && rest.startsWith("//")) {
      String authority = rest.substring(2);
      int slash = authority.indexOf('/');
      rest = slash < 0 ? "" : authority.substring(slash);
      authority = slash < 0 ? authority : authority.substring(0, slash);
      int at = authority.lastIndexOf('@');
      host = parseHost(at < 0 ? authority : authority.substring(at + 1));
      if (at >= 0) {
        String userinfo = authority.substring(0, at);
        if (!validUserinfo(userinfo)) {
          throw new ParseException("net/url: invalid userinfo");
        }
        int colon = userinfo.indexOf(':');
        user = unescape(colon < 0 ? userinfo : userinfo.substring(0, colon), Mode.USER_PASSWORD);
        password = colon < 0 ? null : unescape(userinfo.substring(colon + 1), Mode.USER_PASSWORD);
      }
    }
    return new GoUrl(scheme, "", user, password, host, unescape(rest, Mode.PATH), rawQuery, forceQuery, "", "");
  }

  private static String parseHost(String host) throws ParseException {
    if (host.startsWith("[")) {
      int close = host.lastIndexOf(']');
      if (close < 0) {
        throw new ParseException("missing ']' in host");
      }
      String colonPort = host.substring(close + 1);
      if (!validOptionalPort(colonPort)) {
        throw new ParseException("invalid port " + GoQuote.quote(text(colonPort)) + " after host");
      }
      int zone = host.substring(0, close).indexOf("%25");
      if (zone >= 0) {
        return unescape(host.substring(0, zone), Mode.HOST) + unescape(host.substring(zone, close), Mode.ZONE)
            + unescape(host.substring(close), Mode.HOST);
      }
    } else {
      int colon = host.lastIndexOf(':');
      if (colon >= 0 && !validOptionalPort(host.substring(colon))) {
        throw new ParseException("invalid port " + GoQuote.quote(text(host.substring(colon))) + " after host");
      }
    }
    return unescape(host, Mode.HOST);
  }

  private static boolean validOptionalPort(String port) {
    if (port.isEmpty()) {
      return true;
    }
    if (port.charAt(0) != ':') {
      return false;
    }
    for (int i = 1; i < port.length(); i++) {
      if (port.charAt(i) < '0' || port.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  private static boolean validUserinfo(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
          || "-._:~!$&'()*+,;=%@".indexOf(c) >= 0) {
        continue;
      }
      // Go ranges over runes: a non-ASCII rune is refused as well
      return false;
    }
    return true;
  }

  /** Go's unescape: %XX decoded, with Go's errors for a bad escape or a bad host character. */
  private static String unescape(String s, Mode mode) throws ParseException {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); ) {
      char c = s.charAt(i);
      if (c == '%') {
        if (i + 2 >= s.length() || hex(s.charAt(i + 1)) < 0 || hex(s.charAt(i + 2)) < 0) {
          String bad = s.substring(i, Math.min(s.length(), i + 3));
          throw new ParseException("invalid URL escape " + GoQuote.quote(text(bad)));
        }
        int v = hex(s.charAt(i + 1)) << 4 | hex(s.charAt(i + 2));
        String escape = s.substring(i, i + 3);
        if (mode == Mode.HOST && hex(s.charAt(i + 1)) < 8 && !escape.equals("%25")) {
          throw new ParseException("invalid URL escape " + GoQuote.quote(escape));
        }
        if (mode == Mode.ZONE && !escape.equals("%25") && v != ' ' && shouldEscape((char) v, Mode.HOST)) {
          throw new ParseException("invalid URL escape " + GoQuote.quote(escape));
        }
        out.append((char) v);
        i += 3;
      } else {
        if ((mode == Mode.HOST || mode == Mode.ZONE) && c < 0x80 && shouldEscape(c, mode)) {
          throw new ParseException("invalid character " + GoQuote.quote(String.valueOf(c)) + " in host name");
        }
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }

  private static int hex(char c) {
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
  }

  private static boolean shouldEscape(char c, Mode mode) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
      return false;
    }
    if ((mode == Mode.HOST || mode == Mode.ZONE) && "!$&'()*+,;=:[]<>\"".indexOf(c) >= 0) {
      return false;
    }
    switch (c) {
      case '-', '_', '.', '~':
        return false;
      case '$', '&', '+', ',', '/', ':', ';', '=', '?', '@':
        if (mode == Mode.PATH) {
          return c == '?';
        }
        if (mode == Mode.USER_PASSWORD) {
          return c == '@' || c == '/' || c == '?' || c == ':';
        }
        if (mode == Mode.FRAGMENT) {
          return false;
        }
        break;
      default:
        break;
    }
    return !(mode == Mode.FRAGMENT && "!()*".indexOf(c) >= 0);
  }

  private static String escape(String s, Mode mode) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (shouldEscape(c, mode)) {
        b.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  /** URL.String() for what NewURLs accepts (no path): scheme, opaque or authority, query, fragment. */
  @Override public String toString() {
    StringBuilder b = new StringBuilder();
    if (!scheme.isEmpty()) {
      b.append(scheme).append(':');
    }
    if (!opaque.isEmpty()) {
      b.append(opaque);
    } else {
      if (!scheme.isEmpty() || !host.isEmpty() || user != null) {
        if (!host.isEmpty() || !path.isEmpty() || user != null) {
          b.append("//");
        }
        if (user != null) {
          b.append(escape(user, Mode.USER_PASSWORD));
          if (password != null) {
            b.append(':').append(escape(password, Mode.USER_PASSWORD));
          }
          b.append('@');
        }
        b.append(escape(host, Mode.HOST));
      }
      b.append(escape(path, Mode.PATH));
    }
    if (forceQuery || !rawQuery.isEmpty()) {
      b.append('?').append(rawQuery);
    }
    if (!fragment.isEmpty()) {
      b.append('#').append(escapedFragment());
    }
    return text(b.toString());
  }

  /** URL.EscapedFragment: the fragment as it was written when that is a valid encoding of it. */
  private String escapedFragment() {
    if (!rawFragment.isEmpty() && validEncoded(rawFragment)) {
      try {
        if (unescape(rawFragment, Mode.FRAGMENT).equals(fragment)) {
          return rawFragment;
        }
      } catch (ParseException e) {
        // not a valid encoding: escape the decoded fragment instead
      }
    }
    return escape(fragment, Mode.FRAGMENT);
  }

  private static boolean validEncoded(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if ("!$&'()*+,;=:@[]%".indexOf(c) < 0 && shouldEscape(c, Mode.FRAGMENT)) {
        return false;
      }
    }
    return true;
  }

  /**
   * etcd's types.NewURLs (3.4): each URL trimmed and parsed, then checked in this order: the
   * scheme is http, https, unix or unixs; the host is host:port (for unix too); there is no path.
   * Returns the URLs as Go prints them, sorted as etcd sorts them.
   */
  static List<String> newUrls(List<String> texts) throws ParseException {
    if (texts.isEmpty()) {
      throw new ParseException("no valid URLs given");
    }
    List<String> urls = new ArrayList<>();
    for (String each : texts) {
      String in = each.strip();
      GoUrl u = parse(in);
      if (!List.of("http", "https", "unix", "unixs").contains(u.scheme)) {
        throw new ParseException("URL scheme must be http, https, unix, or unixs: " + in);
      }
      if (!GoHostPort.splits(u.host)) {
        throw new ParseException("URL address does not have the form \"host:port\": " + in);
      }
      if (!u.path.isEmpty()) {
        throw new ParseException("URL must not contain a path: " + in);
      }
      urls.add(u.toString());
    }
    urls.sort(null);
    return urls;
  }

  private static String bytes(String text) {
    return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
  }

  private static String text(String bytes) {
    return new String(bytes.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
  }
}
