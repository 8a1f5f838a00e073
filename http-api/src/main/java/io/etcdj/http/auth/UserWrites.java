package io.etcdj.http.auth;

import io.etcdj.http.auth.AuthStoreWriter.AuthUnavailable;
import io.etcdj.kvstore.ErrorCode;
import io.etcdj.kvstore.StoreError;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * PUT and DELETE /v2/auth/users/<name> as etcd's forUser and v2auth store do them, quirks kept
 * (recorded in etcd-fixtures/auth/): a PUT without roles creates (201) or, when the user exists,
 * updates (200); a PUT with roles only creates, and answers 200; an update that changes nothing
 * is a 400, but Go's DeepEqual tells a nil role list from an empty one, so the first
 * "nothing" update of a user created without roles does go through (roles [] from then on).
 * Auth executor only.
 */
final class UserWrites {
  private final AuthState state;
  private final AuthStoreWriter writer;

  UserWrites(AuthState state, AuthStoreWriter writer) {
    this.state = state;
    this.writer = writer;
  }

  AuthAnswer put(String name, byte[] body) throws AuthFailure, AuthUnavailable {
    AuthBodies.UserBody in = AuthBodies.user(body);
    if (!in.user().equals(name)) {
      throw AuthFailure.badRequest("User JSON name does not match the name in the URL");
    }
    AuthUser out;
    boolean created = false;
    if (isEmpty(in.grant()) && isEmpty(in.revoke())) {
      if (!isEmpty(in.roles())) {
        out = create(in);
      } else {
        writer.barrier();
        if (state.current().user(name).isPresent()) {
          out = update(in);
        } else {
          out = create(in);
          created = true;
        }
      }
    } else {
      if (!isEmpty(in.roles())) {
        throw AuthFailure.badRequest("User JSON contains both roles and grant/revoke");
      }
      out = update(in);
    }
    String json = AuthJson.user(new AuthUser(out.name(), "", out.roles()));
    return created ? AuthAnswer.created(json) : AuthAnswer.ok(json);
  }

  AuthAnswer delete(String name) throws AuthFailure, AuthUnavailable {
    if (state.current().enabled() && name.equals(AuthSnapshot.ROOT)) {
      throw AuthFailure.auth(HttpResponseStatus.FORBIDDEN, "Cannot delete root user while auth is enabled.");
    }
    StoreError e = writer.delete(path(name));
    if (e != null && e.code() == ErrorCode.KEY_NOT_FOUND) {
      throw AuthFailure.notFound("User " + name + " does not exist");
    }
    failOn(e);
    return AuthAnswer.empty();
  }

  private AuthUser create(AuthBodies.UserBody in) throws AuthFailure, AuthUnavailable {
    AuthUser user = new AuthUser(in.user(), "", in.roles()).withRootRoleIfRoot();
    if (in.password().isEmpty()) {
      throw AuthFailure.auth(HttpResponseStatus.BAD_REQUEST,
          "Cannot create user " + in.user() + " with an empty password");
    }
    AuthUser hashed = new AuthUser(user.name(), PasswordHasher.hash(in.password()), user.roles());
    StoreError e = writer.create(path(user.name()), AuthJson.user(hashed));
    if (e != null && e.code() == ErrorCode.NODE_EXIST) {
      throw AuthFailure.conflict("User " + user.name() + " already exists.");
    }
    failOn(e);
    return hashed;
  }

  /** UpdateUser: etcd's merge of a password, grants and revokes into the stored user. */
  private AuthUser update(AuthBodies.UserBody in) throws AuthFailure, AuthUnavailable {
    writer.barrier();
    AuthUser old = state.current().user(in.user())
        .orElseThrow(() -> AuthFailure.notFound("User " + in.user() + " does not exist."));
    String hash = in.password().isEmpty() ? old.passwordHash() : PasswordHasher.hash(in.password());
    TreeSet<String> roles = new TreeSet<>(old.roles() == null ? List.of() : old.roles());
    for (String g : orEmpty(in.grant())) {
      if (!roles.add(g)) {
        throw AuthFailure.conflict("Granting duplicate role " + g + " for user " + in.user());
      }
    }
    for (String r : orEmpty(in.revoke())) {
      if (!roles.remove(r)) {
        throw AuthFailure.conflict("Revoking ungranted role " + r + " for user " + in.user());
      }
    }
    AuthUser updated = new AuthUser(old.name(), hash, new ArrayList<>(roles));
    if (updated.equals(old)) {
      throw AuthFailure.auth(HttpResponseStatus.BAD_REQUEST,
          "User not updated. Use grant/revoke/password to update the user.");
    }
    failOn(writer.update(path(old.name()), AuthJson.user(updated)));
    return updated;
  }

  private static String path(String name) {
    return AuthSnapshot.USERS + "/" + name;
  }

  static void failOn(StoreError e) throws AuthUnavailable {
    if (e != null) {
      throw new AuthUnavailable(new IllegalStateException(e.code() + " " + e.cause()));
    }
  }

  private static boolean isEmpty(List<String> list) {
    return list == null || list.isEmpty();
  }

  private static List<String> orEmpty(List<String> list) {
    return list == null ? List.of() : list;
  }
}
