package dev.backpack.admin.accounts.boundary;

import dev.backpack.admin.accounts.control.Accounts;
import dev.backpack.admin.accounts.control.Accounts.SignedIn;
import dev.backpack.admin.accounts.control.CurrentAccount;
import dev.backpack.admin.json.control.JsonBodies;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.Set;

/** {@code /admin/api/auth}: register, login, logout, me. HTTP and cookies only. */
@Path("auth")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class AuthResource {

  static final Set<String> CREDENTIALS = Set.of("email", "password");

  @Inject Accounts accounts;
  @Inject CurrentAccount current;
  @Context HttpServletRequest request;

  @POST
  @Path("register")
  public Response register(@HeaderParam(HttpHeaders.CONTENT_TYPE) String type, InputStream body) {
    JsonObject credentials = JsonBodies.read(type, body, CREDENTIALS);
    SignedIn signedIn =
        accounts.register(JsonBodies.requiredString(credentials, "email"), JsonBodies.requiredString(credentials, "password"), request.getRemoteAddr());
    return Response.status(201).cookie(cookie(signedIn.token(), accounts.ttlSeconds())).entity(json(signedIn)).build();
  }

  @POST
  @Path("login")
  public Response login(@HeaderParam(HttpHeaders.CONTENT_TYPE) String type, InputStream body) {
    JsonObject credentials = JsonBodies.read(type, body, CREDENTIALS);
    SignedIn signedIn =
        accounts.login(JsonBodies.requiredString(credentials, "email"), JsonBodies.requiredString(credentials, "password"), request.getRemoteAddr());
    return Response.ok(json(signedIn)).cookie(cookie(signedIn.token(), accounts.ttlSeconds())).build();
  }

  @POST
  @Path("logout")
  public Response logout() {
    current.require();
    accounts.logout(current.token().orElseThrow());
    return Response.noContent().cookie(cookie("", 0)).build();
  }

  @GET
  @Path("me")
  public Response me() {
    return Response.ok(Json.createObjectBuilder().add("account", current.require().toJson()).build().toString()).header("Cache-Control", "no-store").build();
  }

  private static String json(SignedIn signedIn) {
    return Json.createObjectBuilder().add("account", signedIn.account().toJson()).add("token", signedIn.token()).build().toString();
  }

  /** HttpOnly, SameSite=Strict, scoped to {@code /admin/}, Secure under HTTPS. */
  private NewCookie cookie(String value, long maxAge) {
    boolean https = request.isSecure() || "https".equalsIgnoreCase(request.getHeader("X-Forwarded-Proto"));
    return new NewCookie.Builder(CurrentAccount.COOKIE)
        .value(value)
        .path(request.getContextPath() + "/")
        .httpOnly(true)
        .secure(https)
        .sameSite(NewCookie.SameSite.STRICT)
        .maxAge((int) Math.min(Integer.MAX_VALUE, maxAge))
        .build();
  }
}
