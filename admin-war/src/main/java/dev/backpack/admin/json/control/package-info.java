/**
 * Reading command bodies with JSON-P (Payara's Parsson): strict media type, size limit, UTF-8, one
 * object with known fields. Decision: JSON-P rather than JSON-B for requests, so an unknown field, a
 * wrong type or a duplicate is refused with a message naming the field instead of silently bound;
 * responses are built with JSON-P too, so what a client sees is spelled out in one place per entity.
 */
package dev.backpack.admin.json.control;
