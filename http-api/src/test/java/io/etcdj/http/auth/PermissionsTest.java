package io.etcdj.http.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** etcd's v2auth pattern rules (simpleMatch, prefixMatch) and its grant/revoke set arithmetic. */
class PermissionsTest {
  private final Permissions p = new Permissions(List.of("/ab/*", "/ac"), List.of("/ab/*"));

  @Test
  void aPatternEndingInAStarIsAPrefixOfTheKey() {
    assertThat(p.hasAccess("/ab/x", false)).isTrue();
    assertThat(p.hasAccess("/ab/", false)).isTrue();
    assertThat(p.hasAccess("/ab/x/y", true)).isTrue();
    assertThat(p.hasAccess("/ab", false)).isFalse(); // the prefix is "/ab/", slash included
    assertThat(p.hasAccess("/abc", false)).isFalse();
  }

  @Test
  void anyOtherPatternMatchesOnlyThatExactKey() {
    assertThat(p.hasAccess("/ac", false)).isTrue();
    assertThat(p.hasAccess("/ac/", false)).isFalse();
    assertThat(p.hasAccess("/ac/x", false)).isFalse();
  }

  @Test
  void writesAreCheckedAgainstTheWriteListOnly() {
    assertThat(p.hasAccess("/ac", true)).isFalse();
    assertThat(new Permissions(null, List.of("/w")).hasAccess("/w", false)).isFalse();
  }

  @Test
  void aRecursiveRequestNeedsAPrefixPattern() {
    assertThat(p.hasRecursiveAccess("/ab/", false)).isTrue();
    assertThat(p.hasRecursiveAccess("/ab", false)).isFalse();
    assertThat(p.hasRecursiveAccess("/ac", false)).isFalse(); // exact grants never cover a subtree
  }

  @Test
  void nilListsGrantNothing() {
    assertThat(Permissions.NONE.hasAccess("/", false)).isFalse();
    assertThat(Permissions.NONE.isEmpty()).isTrue();
    assertThat(new Permissions(List.of(), List.of()).isEmpty()).isTrue();
  }

  @Test
  void theRootRoleMayDoAnythingWhateverItsPermissionsSay() {
    assertThat(AuthRole.ROOT.hasRecursiveAccess("/", true)).isTrue();
    assertThat(new AuthRole("root", Permissions.NONE, null, null).hasKeyAccess("/x", true)).isTrue();
  }

  @Test
  void grantingSortsBothListsAndRefusesADuplicate() throws AuthFailure {
    Permissions granted = Permissions.NONE.grant(new Permissions(List.of("/z", "/a"), null));
    assertThat(granted).isEqualTo(new Permissions(List.of("/a", "/z"), List.of()));
    assertThatThrownBy(() -> granted.grant(new Permissions(List.of("/z"), null)))
        .hasMessage("auth: Granting duplicate read permission /z");
  }

  @Test
  void revokingWhatWasNeverGrantedIsSkipped() {
    assertThat(p.revoke(new Permissions(List.of("/nope", "/ac"), null)))
        .isEqualTo(new Permissions(List.of("/ab/*"), List.of("/ab/*")));
  }

  @Test
  void nilAndEmptyListsAreDifferentAsGoDeepEqualSeesThem() {
    assertThat(Permissions.NONE).isNotEqualTo(new Permissions(List.of(), List.of()));
  }
}
