package io.etcdj.http.auth;

import io.etcdj.http.auth.AuthStoreWriter.AuthUnavailable;
import io.etcdj.server.KeysBackend;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * etcd's v2 auth store and the bodies of its handlers' answers: reads from this member's
 * {@link AuthSnapshot}, changes through {@link AuthStoreWriter}. The read methods are cheap and run
 * on any event loop; the changing ones block (bcrypt, Raft commits) and run only on the auth
 * executor, one at a time, which keeps etcd's read-check-write sequences from interleaving on
 * this member.
 */
public final class AuthService {
  private final AuthState state;
  private final AuthStoreWriter writer;
  private final UserWrites users;
  private final RoleWrites roles;

  public AuthService(KeysBackend backend, AuthState state) {
    this.state = state;
    this.writer = new AuthStoreWriter(backend, state);
    this.users = new UserWrites(state, writer);
    this.roles = new RoleWrites(state, writer);
  }

  public AuthAnswer enabled() {
    return AuthAnswer.ok("{\"enabled\":" + state.current().enabled() + "}");
  }

  /** EnableAuth: needs a root user; creates the guest role with full access unless one exists. */
  public AuthAnswer enable() {
    return run(() -> {
      writer.barrier();
      AuthSnapshot s = state.current();
      if (s.enabled()) {
        throw AuthFailure.conflict("already enabled");
      }
      if (s.user(AuthSnapshot.ROOT).isEmpty()) {
        throw AuthFailure.conflict("No root user available, please create one");
      }
      if (s.role(AuthSnapshot.GUEST).isEmpty()) {
        roles.create(AuthRole.DEFAULT_GUEST);
      }
      writer.update(AuthSnapshot.ENABLED, "true");
      return AuthAnswer.empty();
    });
  }

  public AuthAnswer disable() {
    return run(() -> {
      writer.barrier();
      if (!state.current().enabled()) {
        throw AuthFailure.conflict("already disabled");
      }
      writer.update(AuthSnapshot.ENABLED, "false");
      return AuthAnswer.empty();
    });
  }

  /** baseUsers: every user with the roles that exist of theirs; {@code null} when there is none. */
  public AuthAnswer allUsers() {
    AuthSnapshot s = state.current();
    List<String> names = s.userNames();
    if (names.isEmpty()) {
      return AuthAnswer.ok("{\"users\":null}");
    }
    StringBuilder b = new StringBuilder("{\"users\":[");
    for (int i = 0; i < names.size(); i++) {
      if (i > 0) {
        b.append(',');
      }
      AuthUser u = s.user(names.get(i)).orElseThrow();
      List<AuthRole> held = new ArrayList<>();
      for (String r : u.roles() == null ? List.<String>of() : u.roles()) {
        s.role(r).ifPresent(held::add); // a role that does not exist is left out
      }
      AuthJson.appendUserWithRoles(b, u.name(), held);
    }
    return AuthAnswer.ok(b.append("]}").toString());
  }

  /** forUser GET: a role of the user's that does not exist is that role's 404. */
  public AuthAnswer user(String name) {
    return run(() -> {
      AuthSnapshot s = state.current();
      AuthUser u = s.user(name).orElseThrow(() -> AuthFailure.notFound("User " + name + " does not exist."));
      List<AuthRole> held = new ArrayList<>();
      for (String r : u.roles() == null ? List.<String>of() : u.roles()) {
        held.add(existingRole(s, r));
      }
      StringBuilder b = new StringBuilder();
      AuthJson.appendUserWithRoles(b, u.name(), held);
      return AuthAnswer.ok(b.toString());
    });
  }

  public AuthAnswer allRoles() {
    AuthSnapshot s = state.current();
    StringBuilder b = new StringBuilder("{\"roles\":[");
    List<String> names = s.roleNames();
    for (int i = 0; i < names.size(); i++) {
      if (i > 0) {
        b.append(',');
      }
      AuthJson.appendRole(b, s.role(names.get(i)).orElseThrow());
    }
    return AuthAnswer.ok(b.append("]}").toString());
  }

  public AuthAnswer role(String name) {
    return run(() -> AuthAnswer.ok(AuthJson.role(existingRole(state.current(), name))));
  }

  public AuthAnswer putUser(String name, byte[] body) {
    return run(() -> users.put(name, body));
  }

  public AuthAnswer deleteUser(String name) {
    return run(() -> users.delete(name));
  }

  public AuthAnswer putRole(String name, byte[] body) {
    return run(() -> roles.put(name, body));
  }

  public AuthAnswer deleteRole(String name) {
    return run(() -> roles.delete(name));
  }

  static AuthRole existingRole(AuthSnapshot s, String name) throws AuthFailure {
    Optional<AuthRole> role = s.role(name);
    return role.orElseThrow(() -> AuthFailure.notFound("Role " + name + " does not exist."));
  }

  interface Action {
    AuthAnswer run() throws AuthFailure, AuthUnavailable;
  }

  private static AuthAnswer run(Action action) {
    try {
      return action.run();
    } catch (AuthFailure f) {
      return AuthAnswer.of(f);
    } catch (AuthUnavailable e) {
      return AuthAnswer.of(new AuthFailure(HttpResponseStatus.INTERNAL_SERVER_ERROR, e.getMessage()));
    }
  }
}
