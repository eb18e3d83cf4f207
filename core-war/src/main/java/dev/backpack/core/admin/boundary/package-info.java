/**
 * The backpack admin API, {@code {base}/api/admin}: only with the admin key, which only the
 * platform knows. Users (list, get, delete, set password), collections (create, rules, delete),
 * records of any collection regardless of rules, and {@code /stats}.
 */
package dev.backpack.core.admin.boundary;
