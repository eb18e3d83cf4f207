package dev.backpack.admin.drivers.entity;

import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * How a backpack runs where its driver can choose: how many instances of its core service, and the
 * CPU and memory limits of each of its services ({@code core}, {@code database}, {@code redis}).
 * The in-process driver runs exactly the default (one instance, the platform's process limits).
 *
 * <p>{@code database} is the backpack's database service, whichever engine it runs (PostgreSQL
 * by default, MongoDB when chosen). {@code mongo}, its name before PostgreSQL was the default, is
 * still accepted as input and means {@code database}; the output always says {@code database}.
 *
 * <p>As JSON: {@code {"replicas": 2, "limits": {"core": {"cpus": 1.5, "memoryMb": 768}, "redis":
 * {"memoryMb": 128}}}}; a service or value left out has no limit.
 *
 * @param replicas instances of the core service, 1..{@link #MAX_REPLICAS}
 * @param limits per service; a service without an entry has no limit
 */
public record Deployment(int replicas, Map<String, Limits> limits) {

  /** A value that is not allowed: {@link #field()} names it ({@code replicas}, {@code limits.core.cpus}). */
  public static final class Invalid extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final String field;

    Invalid(String field, String message) {
      super(message);
      this.field = field;
    }

    /** The JSON path of the value, e.g. {@code limits.core.memoryMb}. */
    public String field() {
      return field;
    }
  }

  /** The services a backpack consists of on a container platform. */
  public static final Set<String> SERVICES = Set.of("core", "database", "redis");

  /** The earlier name of {@code database}, accepted as input. */
  public static final String MONGO_ALIAS = "mongo";

  public static final int MAX_REPLICAS = 20;

  /** One instance, no limits. */
  public static final Deployment DEFAULT = new Deployment(1, Map.of());

  public Deployment {
    if (replicas < 1 || replicas > MAX_REPLICAS) {
      throw new Invalid("replicas", "must be from 1 to " + MAX_REPLICAS + ", not " + replicas);
    }
    Map<String, Limits> known = new LinkedHashMap<>();
    for (Map.Entry<String, Limits> entry : limits.entrySet()) {
      String service = canonical(entry.getKey());
      if (!SERVICES.contains(service)) {
        throw new Invalid("limits", "unknown service '" + entry.getKey() + "' (core, database, redis)");
      }
      known.put(service, entry.getValue());
    }
    limits = Map.copyOf(known);
  }

  /** The limits of one service; {@link Limits#NONE} when it has none. */
  public Limits limitsOf(String service) {
    return limits.getOrDefault(canonical(service), Limits.NONE);
  }

  /** {@code database} for its earlier name {@code mongo}; any other name as it is. */
  static String canonical(String service) {
    return MONGO_ALIAS.equals(service) ? "database" : service;
  }

  /**
   * A copy with what {@code change} sets: {@code replicas} if present, and each service of {@code
   * limits} replaced ({@code null} removes its limits).
   *
   * @throws Invalid when a value is not allowed
   */
  public Deployment with(JsonObject change) {
    for (String key : change.keySet()) {
      if (!key.equals("replicas") && !key.equals("limits")) {
        throw new Invalid(key, "unknown field '" + key + "' (replicas, limits)");
      }
    }
    int newReplicas = replicas;
    if (change.containsKey("replicas")) {
      newReplicas = wholeNumber(change.get("replicas"), "replicas");
    }
    Map<String, Limits> newLimits = new LinkedHashMap<>(limits);
    if (change.containsKey("limits")) {
      JsonValue value = change.get("limits");
      if (value.getValueType() != JsonValue.ValueType.OBJECT) {
        throw new Invalid("limits", "must be an object with core, database and/or redis");
      }
      for (Map.Entry<String, JsonValue> entry : value.asJsonObject().entrySet()) {
        String service = canonical(entry.getKey());
        if (!SERVICES.contains(service)) {
          throw new Invalid("limits." + entry.getKey(), "unknown service '" + entry.getKey() + "' (core, database, redis)");
        }
        if (entry.getValue().getValueType() == JsonValue.ValueType.NULL) {
          newLimits.remove(service);
        } else if (entry.getValue().getValueType() == JsonValue.ValueType.OBJECT) {
          Limits parsed = Limits.of(entry.getValue().asJsonObject(), "limits." + entry.getKey());
          if (parsed.equals(Limits.NONE)) {
            newLimits.remove(service);
          } else {
            newLimits.put(service, parsed);
          }
        } else {
          throw new Invalid("limits." + entry.getKey(), "must be an object {cpus, memoryMb} or null");
        }
      }
    }
    return new Deployment(newReplicas, newLimits);
  }

  /** {@code {"replicas": n, "limits": {service: {cpus, memoryMb}}}}. */
  public JsonObject toJson() {
    JsonObjectBuilder services = Json.createObjectBuilder();
    SERVICES.stream().sorted().filter(limits::containsKey).forEach(s -> services.add(s, limits.get(s).toJson()));
    return Json.createObjectBuilder().add("replicas", replicas).add("limits", services).build();
  }

  /**
   * Reads what {@link #toJson()} wrote (the registry's column).
   *
   * @throws IllegalArgumentException when it is not valid
   */
  public static Deployment fromJson(JsonObject json) {
    return json.isEmpty() ? DEFAULT : DEFAULT.with(json);
  }

  private static int wholeNumber(JsonValue value, String field) {
    if (value instanceof JsonNumber number && number.isIntegral()) {
      try {
        return number.intValueExact();
      } catch (ArithmeticException e) {
        throw new Invalid(field, "is out of range");
      }
    }
    throw new Invalid(field, "must be a whole number");
  }

  /**
   * CPU and memory limits of one service.
   *
   * @param cpus CPUs (0.05..64, e.g. 0.5), null for no limit
   * @param memoryMb MiB of memory (16..262144), null for no limit
   */
  public record Limits(Double cpus, Integer memoryMb) {

    public static final Limits NONE = new Limits(null, null);

    public Limits {
      if (cpus != null && (cpus.isNaN() || cpus < 0.05 || cpus > 64)) {
        throw new Invalid("cpus", "must be from 0.05 to 64, not " + cpus);
      }
      if (memoryMb != null && (memoryMb < 16 || memoryMb > 262_144)) {
        throw new Invalid("memoryMb", "must be from 16 to 262144, not " + memoryMb);
      }
    }

    static Limits of(JsonObject json, String field) {
      for (String key : json.keySet()) {
        if (!key.equals("cpus") && !key.equals("memoryMb")) {
          throw new Invalid(field + "." + key, "unknown field '" + key + "' (cpus, memoryMb)");
        }
      }
      Double cpus = null;
      Integer memory = null;
      JsonValue c = json.get("cpus");
      if (c != null && c.getValueType() != JsonValue.ValueType.NULL) {
        if (!(c instanceof JsonNumber n)) {
          throw new Invalid(field + ".cpus", "must be a number");
        }
        cpus = n.doubleValue();
      }
      JsonValue m = json.get("memoryMb");
      if (m != null && m.getValueType() != JsonValue.ValueType.NULL) {
        memory = wholeNumber(m, field + ".memoryMb");
      }
      try {
        return new Limits(cpus, memory);
      } catch (Invalid e) {
        throw new Invalid(field + "." + e.field(), e.getMessage());
      }
    }

    /** Docker's nano CPUs, or 0 for none. */
    public long nanoCpus() {
      return cpus == null ? 0 : Math.round(cpus * 1_000_000_000d);
    }

    /** Bytes of memory, or 0 for none. */
    public long memoryBytes() {
      return memoryMb == null ? 0 : memoryMb * 1024L * 1024L;
    }

    JsonObject toJson() {
      JsonObjectBuilder json = Json.createObjectBuilder();
      if (cpus == null) {
        json.addNull("cpus");
      } else {
        json.add("cpus", cpus);
      }
      if (memoryMb == null) {
        json.addNull("memoryMb");
      } else {
        json.add("memoryMb", memoryMb);
      }
      return json.build();
    }
  }
}
