/**
 * JSON in and out of a backpack.
 *
 * <p>Decisions: the request body is parsed with JSON-P's streaming parser straight into BSON, so
 * forbidden field names, duplicates and excessive depth are rejected before anything reaches
 * MongoDB; integers stay integers (int or long) and other numbers become doubles, like JavaScript;
 * dates are written as ISO-8601 strings in UTC.
 */
package dev.backpack.core.json.control;
