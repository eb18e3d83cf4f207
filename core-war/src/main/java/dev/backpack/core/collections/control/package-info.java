/**
 * Creates, finds, changes and deletes collections and owns the MongoDB collection behind each.
 * Decision: implicit creation on first write (API.md) goes through the same path as an explicit
 * create, so indexes and rules are the same either way; a race of two implicit creates ends with
 * one collection.
 */
package dev.backpack.core.collections.control;
