/** The one exception type controls throw for failures a caller can act on. */
package dev.backpack.admin.problems.entity;
