package dev.backpack.core.admin.boundary;

import dev.backpack.core.admin.control.AdminKeys;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;

/** 401 for every {@link AdminOnly} route without the admin key; the same 401 for a wrong key. */
@Provider
@AdminOnly
@Priority(Priorities.AUTHENTICATION)
public class AdminKeyFilter implements ContainerRequestFilter {

  @Inject AdminKeys adminKeys;

  @Override
  public void filter(ContainerRequestContext request) {
    adminKeys.require(request.getHeaderString(AdminKeys.HEADER));
  }
}
