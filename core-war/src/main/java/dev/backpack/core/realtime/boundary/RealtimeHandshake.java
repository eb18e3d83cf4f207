package dev.backpack.core.realtime.boundary;

import dev.backpack.core.auth.control.CurrentCaller;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * Reads the session token of the upgrade request: a bearer header (non-browser clients), or the
 * session cookie when the upgrade comes from this backpack's own origin. A cookie sent along by a
 * page of another origin is ignored (cross-site WebSocket hijacking): such a page must send an
 * {@code auth} frame with a token it legitimately holds.
 *
 * <p>The token goes into the user properties of this one handshake (Tyrus gives each handshake
 * its own copy, which {@code RealtimeIT} checks), where the endpoint picks it up on open.
 */
public class RealtimeHandshake extends ServerEndpointConfig.Configurator {

  static final String TOKEN = "backpack.realtime.token";

  @Override
  public void modifyHandshake(
      ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
    Map<String, List<String>> headers = request.getHeaders();
    String token = bearer(header(headers, "Authorization"));
    if (token == null && sameOrigin(header(headers, "Origin"), header(headers, "Host"))) {
      token = cookie(headers);
    }
    if (token == null) {
      config.getUserProperties().remove(TOKEN);
    } else {
      config.getUserProperties().put(TOKEN, token);
    }
  }

  static String header(Map<String, List<String>> headers, String name) {
    for (Map.Entry<String, List<String>> h : headers.entrySet()) {
      if (h.getKey() != null && h.getKey().equalsIgnoreCase(name) && !h.getValue().isEmpty()) {
        return h.getValue().get(0);
      }
    }
    return null;
  }

  static String bearer(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return null;
    }
    String token = authorization.substring(7).trim();
    return token.isEmpty() ? null : token;
  }

  /** No Origin (not a browser) or an Origin whose host and port are the upgrade's Host. */
  static boolean sameOrigin(String origin, String host) {
    if (origin == null) {
      return true;
    }
    try {
      String authority = URI.create(origin).getRawAuthority();
      return authority != null && host != null && authority.equalsIgnoreCase(host);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  static String cookie(Map<String, List<String>> headers) {
    for (Map.Entry<String, List<String>> h : headers.entrySet()) {
      if (h.getKey() == null || !h.getKey().equalsIgnoreCase("Cookie")) {
        continue;
      }
      for (String line : h.getValue()) {
        for (String pair : line.split(";")) {
          int eq = pair.indexOf('=');
          if (eq > 0 && pair.substring(0, eq).trim().equals(CurrentCaller.COOKIE)) {
            String value = pair.substring(eq + 1).trim();
            return value.isEmpty() ? null : value;
          }
        }
      }
    }
    return null;
  }
}
