package dev.backpack.admin.accounts.boundary;

import dev.backpack.admin.accounts.control.AccountStore;
import dev.backpack.admin.accounts.control.CurrentAccount;
import dev.backpack.admin.accounts.entity.Account;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /admin/api/accounts}: every platform account, for the owner only. */
@Path("accounts")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class AccountsResource {

  @Inject CurrentAccount current;
  @Inject AccountStore store;

  @GET
  public String list() {
    current.requireOwner();
    JsonArrayBuilder items = Json.createArrayBuilder();
    store.all().stream().map(Account::toJson).forEach(items::add);
    return Json.createObjectBuilder().add("items", items).build().toString();
  }
}
