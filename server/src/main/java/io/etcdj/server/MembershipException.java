package io.etcdj.server;

/**
 * A membership change refused for a reason the client should hear (etcd's membership errors);
 * the HTTP layer maps each {@link Reason} to etcd's status and message.
 */
public final class MembershipException extends RuntimeException {
  public enum Reason {
    /** membership: ID not found */
    ID_NOT_FOUND,
    /** membership: ID removed */
    ID_REMOVED,
    /** membership: ID exists */
    ID_EXISTS,
    /** membership: peerURL exists */
    PEER_URL_EXISTS,
    /** etcdserver: re-configuration failed due to not enough started members */
    NOT_ENOUGH_STARTED_MEMBERS,
    /** etcdserver: unhealthy cluster (a member this one should reach has not answered for long enough) */
    UNHEALTHY
  }

  private final Reason reason;
  private final long memberId;

  public MembershipException(Reason reason, long memberId) {
    super(reason + " " + ClusterIdentity.hex(memberId), null, false, false);
    this.reason = reason;
    this.memberId = memberId;
  }

  public Reason reason() { return reason; }

  public long memberId() { return memberId; }
}
