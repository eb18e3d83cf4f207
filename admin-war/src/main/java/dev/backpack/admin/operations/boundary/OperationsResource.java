package dev.backpack.admin.operations.boundary;

import dev.backpack.admin.accounts.control.CurrentAccount;
import dev.backpack.admin.accounts.entity.Account;
import dev.backpack.admin.operations.control.OperationFeed;
import dev.backpack.admin.operations.control.Operations;
import dev.backpack.admin.operations.entity.Operation;
import dev.backpack.admin.operations.entity.Step;
import dev.backpack.admin.problems.entity.ProblemException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

/**
 * {@code /admin/api/operations}: list, read one, and follow one live as server-sent events.
 *
 * <p>Events: {@code step} (id = the step's seq, data = {@code {seq, at, message}}) for every step
 * after {@code Last-Event-ID} (all of them without it), then one {@code end} (data = the operation
 * without steps) and the stream closes. A finished operation replays its steps and ends at once.
 */
@Path("operations")
@RequestScoped
public class OperationsResource {

  @Inject CurrentAccount current;
  @Inject Operations operations;
  @Inject OperationFeed feed;

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public String list(@QueryParam("backpack") String backpack, @QueryParam("limit") String limit) {
    Account viewer = current.require();
    JsonArrayBuilder items = Json.createArrayBuilder();
    operations.list(viewer, backpack == null || backpack.isEmpty() ? null : backpack, limit(limit)).forEach(o -> items.add(o.toJson(false)));
    return Json.createObjectBuilder().add("items", items).build().toString();
  }

  @GET
  @Path("{id}")
  @Produces(MediaType.APPLICATION_JSON)
  public String get(@PathParam("id") String id) {
    return operations.readable(current.require(), id).toJson(true).toString();
  }

  @GET
  @Path("{id}/events")
  @Produces(MediaType.SERVER_SENT_EVENTS)
  public void events(@PathParam("id") String id, @HeaderParam("Last-Event-ID") String lastEventId, @Context SseEventSink sink, @Context Sse sse) {
    Account viewer = current.require();
    Operation known = operations.readable(viewer, id);
    new OperationStream(feed, known.id(), () -> operations.readable(viewer, id), after(lastEventId), OperationStream.to(sink, sse)).open();
  }

  private static int after(String lastEventId) {
    try {
      return lastEventId == null ? 0 : Math.max(0, Integer.parseInt(lastEventId.trim()));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static int limit(String limit) {
    if (limit == null || limit.isEmpty()) {
      return 50;
    }
    try {
      int value = Integer.parseInt(limit);
      if (value >= 1 && value <= 200) {
        return value;
      }
    } catch (NumberFormatException e) {
      // the same answer as out of range
    }
    throw ProblemException.invalid("limit", "must be a whole number from 1 to 200");
  }

  static String stepJson(Step step) {
    return step.toJson().toString();
  }
}
