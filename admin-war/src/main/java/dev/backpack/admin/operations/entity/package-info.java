/** Operations (create, delete) and their steps. */
package dev.backpack.admin.operations.entity;
