package dev.backpack.core.auth.boundary;

import dev.backpack.core.auth.control.Accounts;
import dev.backpack.core.auth.control.Accounts.SignedIn;
import dev.backpack.core.auth.control.CurrentCaller;
import dev.backpack.core.json.control.JsonRequests;
import dev.backpack.core.json.control.JsonWriter;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.Map;
import java.util.Set;
import org.bson.Document;

/** {@code /api/auth}: register, login, logout, me. HTTP and cookies only; the rest is {@link Accounts}'. */
@Path("auth")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class AuthResource {

  static final Set<String> CREDENTIALS = Set.of("email", "password");

  @Inject Accounts accounts;
  @Inject CurrentCaller caller;
  @Context HttpServletRequest request;
  @Context HttpHeaders headers;

  @POST
  @Path("register")
  public Response register(InputStream body) {
    Document credentials = JsonRequests.read(headers, body, CREDENTIALS);
    SignedIn signedIn =
        accounts.register(credentials.get("email"), credentials.get("password"), request.getRemoteAddr());
    return Response.status(201).cookie(cookie(signedIn.token(), accounts.ttlSeconds())).entity(json(signedIn)).build();
  }

  @POST
  @Path("login")
  public Response login(InputStream body) {
    Document credentials = JsonRequests.read(headers, body, CREDENTIALS);
    SignedIn signedIn =
        accounts.login(credentials.get("email"), credentials.get("password"), request.getRemoteAddr());
    return Response.ok(json(signedIn)).cookie(cookie(signedIn.token(), accounts.ttlSeconds())).build();
  }

  @POST
  @Path("logout")
  public Response logout() {
    caller.get().requireUser();
    accounts.logout(caller.token().orElseThrow());
    return Response.noContent().cookie(cookie("", 0)).build();
  }

  @GET
  @Path("me")
  public String me() {
    return JsonWriter.write(Map.of("user", accounts.me(caller.get().requireUser()).toJsonMap()));
  }

  private static String json(SignedIn signedIn) {
    return JsonWriter.write(Map.of("user", signedIn.user().toJsonMap(), "token", signedIn.token()));
  }

  /** HttpOnly, SameSite=Lax, scoped to this backpack's path, Secure under HTTPS. */
  private NewCookie cookie(String value, long maxAge) {
    boolean https =
        request.isSecure() || "https".equalsIgnoreCase(request.getHeader("X-Forwarded-Proto"));
    return new NewCookie.Builder(CurrentCaller.COOKIE)
        .value(value)
        .path(request.getContextPath() + "/")
        .httpOnly(true)
        .secure(https)
        .sameSite(NewCookie.SameSite.LAX)
        .maxAge((int) Math.min(Integer.MAX_VALUE, maxAge))
        .build();
  }
}
