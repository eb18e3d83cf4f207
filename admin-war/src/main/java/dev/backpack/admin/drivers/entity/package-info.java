/** What the platform hands a driver (a {@link dev.backpack.admin.drivers.entity.BackpackSpec}, a {@link dev.backpack.admin.drivers.entity.Progress}) and what a driver reports. */
package dev.backpack.admin.drivers.entity;
