package io.etcdj.http.keys;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What Go's server and ServeMux do with the request URI before etcd's keys handler runs. */
class RequestTargetTest {
  @Test
  void keysRouteAndItsSubpathsReachTheHandler() {
    assertThat(RequestTarget.of("/v2/keys")).isEqualTo(new RequestTarget.Keys("", ""));
    assertThat(RequestTarget.of("/v2/keys/")).isEqualTo(new RequestTarget.Keys("/", ""));
    assertThat(RequestTarget.of("/v2/keys/a/b/?x=1&y")).isEqualTo(new RequestTarget.Keys("/a/b/", "x=1&y"));
  }

  @Test
  void pathIsPercentDecodedButPlusIsKept() {
    assertThat(RequestTarget.of("/v2/keys/a%20b+c")).isEqualTo(new RequestTarget.Keys("/a b+c", ""));
    assertThat(RequestTarget.of("/v2/keys/%00")).isEqualTo(new RequestTarget.Keys("/\u0000", ""));
    assertThat(RequestTarget.of("/v2/keys/%C3%A9")).isEqualTo(new RequestTarget.Keys("/\u00e9", ""));
  }

  @Test
  void uncleanPathsRedirectToTheirCleanForm() {
    assertThat(RequestTarget.of("/v2/keys//a")).isEqualTo(new RequestTarget.Redirect("/v2/keys/a"));
    assertThat(RequestTarget.of("/v2/keys/a/../b?x=1")).isEqualTo(new RequestTarget.Redirect("/v2/keys/b?x=1"));
    assertThat(RequestTarget.of("/v2/keys/../x")).isEqualTo(new RequestTarget.Redirect("/v2/x"));
    assertThat(RequestTarget.of("/v2/keys/./foo")).isEqualTo(new RequestTarget.Redirect("/v2/keys/foo"));
    assertThat(RequestTarget.of("/v2/keys/a%2F%2Fb")).isEqualTo(new RequestTarget.Redirect("/v2/keys/a/b"));
    assertThat(RequestTarget.of("/v2/keys/a%20b//c")).isEqualTo(new RequestTarget.Redirect("/v2/keys/a%20b/c"));
  }

  @Test
  void badEscapeInThePathIsABadRequest() {
    assertThat(RequestTarget.of("/v2/keys/%zz")).isInstanceOf(RequestTarget.BadRequest.class);
    assertThat(RequestTarget.of("/v2/keys/%")).isInstanceOf(RequestTarget.BadRequest.class);
  }

  @Test
  void pathsOutsideTheRouteAreNotFound() {
    assertThat(RequestTarget.of("/v2/keysfoo")).isInstanceOf(RequestTarget.NotFound.class);
  }

  @Test
  void absoluteFormUriIsReducedToItsPath() {
    assertThat(RequestTarget.of("http://h:1/v2/keys/a?b=c")).isEqualTo(new RequestTarget.Keys("/a", "b=c"));
  }
}
