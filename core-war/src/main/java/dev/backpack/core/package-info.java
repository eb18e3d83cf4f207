/**
 * One backpack: the complete backend of one app (collections, records, later users, files and
 * realtime), deployed once per backpack.
 *
 * <p>Decisions: JAX-RS lives under {@code /api}; bodies are parsed and written with JSON-P rather
 * than JSON-B so that field names, depth, sizes and types are validated while parsing and the
 * stored BSON types are under our control; every setting comes from MicroProfile Config (see
 * {@link dev.backpack.core.config}); the WAR keeps no static state outside its own classloader.
 */
package dev.backpack.core;
