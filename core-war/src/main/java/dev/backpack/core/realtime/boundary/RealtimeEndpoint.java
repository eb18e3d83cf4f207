package dev.backpack.core.realtime.boundary;

import dev.backpack.core.problems.entity.ProblemException;
import dev.backpack.core.realtime.control.Connection;
import dev.backpack.core.realtime.control.Connections;
import dev.backpack.core.realtime.control.RealtimeSettings;
import dev.backpack.core.realtime.entity.ClientFrame;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code {base}/api/realtime}: registers sockets with {@link Connections} and parses their
 * frames; everything else happens in the controls.
 */
@ServerEndpoint(value = "/api/realtime", configurator = RealtimeHandshake.class)
public class RealtimeEndpoint {

  private static final Logger LOG = Logger.getLogger(RealtimeEndpoint.class.getName());
  static final String CONNECTION = "backpack.realtime.connection";

  @Inject Connections connections;

  @OnOpen
  public void open(Session session, EndpointConfig config) {
    // idle sockets are pinged and reaped by Connections
    session.setMaxIdleTimeout(0);
    String token = (String) config.getUserProperties().get(RealtimeHandshake.TOKEN);
    connections
        .open(new WebSocketTransport(session), token)
        .ifPresent(c -> session.getUserProperties().put(CONNECTION, c));
  }

  @OnMessage(maxMessageSize = RealtimeSettings.HARD_FRAME_BYTES)
  public void text(Session session, String text) {
    Connection c = connection(session);
    if (c == null || !connections.admit(c, text)) {
      return;
    }
    ClientFrame frame;
    try {
      frame = ClientFrame.parse(text);
    } catch (ClientFrame.Malformed malformed) {
      connections.malformed(c, malformed);
      return;
    }
    connections.handle(c, frame);
  }

  @OnMessage(maxMessageSize = RealtimeSettings.HARD_FRAME_BYTES)
  public void binary(Session session, byte[] data) {
    Connection c = connection(session);
    if (c == null || !connections.admit(c, data.length)) {
      return;
    }
    connections.malformed(
        c,
        new ClientFrame.Malformed(
            null,
            ProblemException.unsupportedMediaType(
                "Binary frames are not supported: send JSON text frames.")));
  }

  @OnMessage
  public void pong(Session session, PongMessage pong) {
    Connection c = connection(session);
    if (c != null) {
      connections.pong(c, pong.getApplicationData());
    }
  }

  @OnClose
  public void close(Session session, CloseReason reason) {
    Connection c = connection(session);
    if (c != null) {
      connections.closed(c);
    }
  }

  @OnError
  public void error(Session session, Throwable failure) {
    LOG.log(Level.FINE, "realtime: socket error", failure);
  }

  private static Connection connection(Session session) {
    return (Connection) session.getUserProperties().get(CONNECTION);
  }
}
