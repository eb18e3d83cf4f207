/** A backpack as registered ({@link dev.backpack.admin.backpacks.entity.Registration}) and as shown ({@link dev.backpack.admin.backpacks.entity.BackpackView}). */
package dev.backpack.admin.backpacks.entity;
