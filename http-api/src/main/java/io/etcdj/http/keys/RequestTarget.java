package io.etcdj.http.keys;

/**
 * Where a request URI leads before etcd's keys handler sees it: Go's server decodes the path
 * (400 on a bad escape), ServeMux redirects unclean paths (301 to the cleaned one, query kept)
 * and 404s anything that is neither "/v2/keys" nor under "/v2/keys/".
 */
sealed interface RequestTarget
    permits RequestTarget.Keys, RequestTarget.Redirect, RequestTarget.BadRequest, RequestTarget.NotFound {
  String KEYS_ROUTE = "/v2/keys";

  /** {@code keyPath} is the decoded path after "/v2/keys"; {@code rawQuery} is "" when absent. */
  record Keys(String keyPath, String rawQuery) implements RequestTarget {}

  /** {@code location} as Go's url.URL.String() writes it. */
  record Redirect(String location) implements RequestTarget {}

  record BadRequest() implements RequestTarget {}

  record NotFound() implements RequestTarget {}

  static RequestTarget of(String uri) {
    String rest = uri;
    if (!rest.startsWith("/")) {
      int scheme = rest.indexOf("://");
      if (scheme < 0) {
        return new BadRequest();
      }
      int slash = rest.indexOf('/', scheme + 3);
      rest = slash < 0 ? "/" : rest.substring(slash);
    }
    int q = rest.indexOf('?');
    String rawPath = q < 0 ? rest : rest.substring(0, q);
    String rawQuery = q < 0 ? "" : rest.substring(q + 1);
    String path;
    try {
      path = UrlUnescaper.pathUnescape(rawPath);
    } catch (MalformedFormException e) {
      return new BadRequest();
    }
    String cleaned = muxClean(path);
    if (!cleaned.equals(path)) {
      return new Redirect(GoUrlPath.escape(cleaned) + (rawQuery.isEmpty() ? "" : "?" + rawQuery));
    }
    if (path.equals(KEYS_ROUTE)) {
      return new Keys("", rawQuery);
    }
    if (path.startsWith(KEYS_ROUTE) && path.charAt(KEYS_ROUTE.length()) == '/') {
      return new Keys(path.substring(KEYS_ROUTE.length()), rawQuery);
    }
    return new NotFound();
  }

  /** ServeMux's cleanPath: path.Clean, keeping a trailing slash. */
  private static String muxClean(String p) {
    if (p.isEmpty()) {
      return "/";
    }
    String rooted = p.charAt(0) == '/' ? p : "/" + p;
    String np = GoPath.clean(rooted);
    if (rooted.charAt(rooted.length() - 1) == '/' && !np.equals("/")) {
      return np + "/";
    }
    return np;
  }
}
