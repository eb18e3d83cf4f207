-- Helpers of the filter compiler (dev.backpack.core.engine.postgres.PgQuery). They give the jsonb
-- data of a record the meaning dev.backpack.core.records.control.RecordMatcher defines (MongoDB's
-- rules): the path is always a bound text[] parameter, never SQL text.

-- The values at a path with MongoDB's array expansion, one row per value; SQL NULL where a branch
-- ends without the field ("missing"), jsonb 'null' for a JSON null. Exactly RecordMatcher.values:
--   * an object: step into the field, or missing;
--   * an array: the element at a numeric segment (1 to 9 ASCII digits) if there is one, and every
--     element that is an object, walked with the same segment; missing if neither exists;
--   * anything else (scalars, null): missing.
-- A value at the end of the path that is an array is returned whole (see bp_candidates).
-- The array index a path segment names (1 to 9 ASCII digits), or NULL.
CREATE FUNCTION bp_index(segment text) RETURNS integer
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT CASE WHEN segment ~ '^[0-9]{1,9}$' THEN segment::integer END
$$;

CREATE FUNCTION bp_values(doc jsonb, path text[]) RETURNS SETOF jsonb
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  WITH RECURSIVE walk(v, i, missing) AS (
    SELECT doc, 1, false
    UNION ALL
    SELECT n.v, n.i, n.missing
    FROM walk w
    CROSS JOIN LATERAL (
      -- an object: its field
      SELECT w.v -> path[w.i] AS v, w.i + 1 AS i, false AS missing
        WHERE jsonb_typeof(w.v) = 'object' AND w.v ? path[w.i]
      UNION ALL
      -- an array: the element a numeric segment names (-> gives SQL NULL when out of range)
      SELECT w.v -> bp_index(path[w.i]), w.i + 1, false
        WHERE jsonb_typeof(w.v) = 'array' AND (w.v -> bp_index(path[w.i])) IS NOT NULL
      UNION ALL
      -- an array: its objects, walked with the same segment
      SELECT e, w.i, false
        FROM jsonb_array_elements(CASE WHEN jsonb_typeof(w.v) = 'array' THEN w.v ELSE '[]' END) e
        WHERE jsonb_typeof(e) = 'object'
      UNION ALL
      -- missing: no such field, an array that yields nothing, a scalar or null
      SELECT NULL::jsonb, 0, true
        WHERE CASE jsonb_typeof(w.v)
          WHEN 'object' THEN NOT (w.v ? path[w.i])
          WHEN 'array' THEN (w.v -> bp_index(path[w.i])) IS NULL
            AND NOT jsonb_path_exists(w.v, '$[*] ? (@.type() == "object")')
          ELSE true
        END
    ) n
    WHERE NOT w.missing AND w.i <= cardinality(path)
  )
  SELECT v FROM walk WHERE missing OR i > cardinality(path)
$$;

-- What a condition on a path looks at: every value of bp_values (NULL = missing) and, for a value
-- that is an array, each of its elements (one level, as MongoDB and RecordMatcher do).
CREATE FUNCTION bp_candidates(doc jsonb, path text[]) RETURNS SETOF jsonb
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT v FROM bp_values(doc, path) v
  UNION ALL
  SELECT e FROM bp_values(doc, path) v,
    jsonb_array_elements(CASE WHEN jsonb_typeof(v) = 'array' THEN v ELSE '[]' END) e
$$;

-- The type class of a sort value in the order both engines follow (see Sorting):
-- missing/null 0 < numbers 1 < strings 2 < objects 3 < arrays 4 < booleans 5 (dates, 6, are only
-- in the date columns).
CREATE FUNCTION bp_rank(v jsonb) RETURNS integer
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE jsonb_typeof(v)
    WHEN 'number' THEN 1 WHEN 'string' THEN 2 WHEN 'object' THEN 3 WHEN 'array' THEN 4
    WHEN 'boolean' THEN 5 ELSE 0 END
$$;

-- The sort value of one type class, or NULL for the other classes: ORDER BY bp_rank(v),
-- bp_number(v), bp_string(v) COLLATE "C", bp_boolean(v), v sorts numbers by value, strings by
-- code point, false before true (objects and arrays by jsonb's order: unspecified, only stable).
CREATE FUNCTION bp_number(v jsonb) RETURNS numeric
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN jsonb_typeof(v) = 'number' THEN (v #>> '{}')::numeric END
$$;

CREATE FUNCTION bp_string(v jsonb) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN jsonb_typeof(v) = 'string' THEN v #>> '{}' END
$$;

CREATE FUNCTION bp_boolean(v jsonb) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN jsonb_typeof(v) = 'boolean' THEN (v #>> '{}')::boolean END
$$;

CREATE FUNCTION bp_structure(v jsonb) RETURNS jsonb
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN jsonb_typeof(v) IN ('object', 'array') THEN v END
$$;
