/**
 * Records as stored and shown. Decision: the client's object is stored under {@code data}, so a
 * client field can never collide with or overwrite a server field, and server fields a client
 * sends are ignored rather than stored.
 */
package dev.backpack.core.records.entity;
