package dev.backpack.core.realtime.entity;

/**
 * The close codes of {@code /api/realtime}. Standard codes where one fits, otherwise 4xxx codes
 * that echo the HTTP status of the same situation, so a client can tell "sign in again" (4401)
 * from "reconnect later" (1001, 1013, 4001, 4408) from "fix your client" (4429).
 */
public final class CloseCodes {

  /** The client closed, or the server ended the socket without a fault. */
  public static final int NORMAL = 1000;

  /** This replica is stopping (undeploy, shutdown): reconnect, another replica answers. */
  public static final int GOING_AWAY = 1001;

  /** A frame over the hard size limit (the WebSocket container closes with it). */
  public static final int TOO_BIG = 1009;

  /** An unexpected server failure. */
  public static final int SERVER_ERROR = 1011;

  /**
   * Try again later: this replica holds its maximum of sockets (or of sockets of this user), or
   * the session store cannot be asked who the cookie belongs to.
   */
  public static final int TRY_AGAIN_LATER = 1013;

  /**
   * Slow consumer: the socket's outgoing queue went over its limit because the client does not
   * read fast enough. Changes may have been missed: reconnect and take a snapshot.
   */
  public static final int SLOW_CONSUMER = 4001;

  /**
   * Not authenticated: no {@code auth} frame in time, a frame other than {@code auth} before
   * authenticating, or the session ended (logout, password change, user deleted).
   */
  public static final int UNAUTHENTICATED = 4401;

  /** Idle: no frame and no pong within the idle timeout. */
  public static final int IDLE = 4408;

  /** The client kept sending frames over the rate limit after being told with 429 errors. */
  public static final int RATE_LIMITED = 4429;

  private CloseCodes() {}
}
