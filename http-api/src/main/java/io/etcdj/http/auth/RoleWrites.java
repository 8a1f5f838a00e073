package io.etcdj.http.auth;

import io.etcdj.http.auth.AuthStoreWriter.AuthUnavailable;
import io.etcdj.kvstore.ErrorCode;
import io.etcdj.kvstore.StoreError;
import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * PUT and DELETE /v2/auth/roles/<name> as etcd's forRole and v2auth store do them: a PUT
 * without grant or revoke creates the role as its body has it (201), one with them updates it
 * (200; both lists come back sorted and non-null); the root role can never be changed (403).
 * Auth executor only.
 */
final class RoleWrites {
  private final AuthState state;
  private final AuthStoreWriter writer;

  RoleWrites(AuthState state, AuthStoreWriter writer) {
    this.state = state;
    this.writer = writer;
  }

  AuthAnswer put(String name, byte[] body) throws AuthFailure, AuthUnavailable {
    AuthRole in = AuthBodies.role(body);
    if (!in.name().equals(name)) {
      throw AuthFailure.badRequest("Role JSON name does not match the name in the URL");
    }
    if (isEmpty(in.grant()) && isEmpty(in.revoke())) {
      create(in);
      return AuthAnswer.created(AuthJson.role(in));
    }
    if (!in.permissions().isEmpty()) {
      throw AuthFailure.badRequest("Role JSON contains both permissions and grant/revoke");
    }
    return AuthAnswer.ok(AuthJson.role(update(in)));
  }

  void create(AuthRole role) throws AuthFailure, AuthUnavailable {
    refuseRoot(role.name());
    StoreError e = writer.create(path(role.name()), AuthJson.role(role));
    if (e != null && e.code() == ErrorCode.NODE_EXIST) {
      throw AuthFailure.conflict("Role " + role.name() + " already exists.");
    }
    UserWrites.failOn(e);
  }

  AuthAnswer delete(String name) throws AuthFailure, AuthUnavailable {
    refuseRoot(name);
    StoreError e = writer.delete(path(name));
    if (e != null && e.code() == ErrorCode.KEY_NOT_FOUND) {
      throw AuthFailure.notFound("Role " + name + " doesn't exist.");
    }
    UserWrites.failOn(e);
    return AuthAnswer.empty();
  }

  /** UpdateRole: the grant, then the revoke, applied to the stored permissions. */
  private AuthRole update(AuthRole in) throws AuthFailure, AuthUnavailable {
    refuseRoot(in.name());
    writer.barrier();
    AuthRole old = AuthService.existingRole(state.current(), in.name());
    Permissions p = old.permissions();
    if (in.grant() != null) {
      p = p.grant(in.grant());
    }
    if (in.revoke() != null) {
      p = p.revoke(in.revoke());
    }
    AuthRole updated = new AuthRole(old.name(), p, null, null);
    if (updated.equals(old)) {
      throw AuthFailure.auth(HttpResponseStatus.BAD_REQUEST, "Role not updated. Use grant/revoke to update the role.");
    }
    UserWrites.failOn(writer.update(path(old.name()), AuthJson.role(updated)));
    return updated;
  }

  private static void refuseRoot(String name) throws AuthFailure {
    if (name.equals(AuthSnapshot.ROOT)) {
      throw AuthFailure.auth(HttpResponseStatus.FORBIDDEN, "Cannot modify role root: is root role.");
    }
  }

  private static boolean isEmpty(Permissions p) {
    return p == null || p.isEmpty();
  }

  private static String path(String name) {
    return AuthSnapshot.ROLES + "/" + name;
  }
}
