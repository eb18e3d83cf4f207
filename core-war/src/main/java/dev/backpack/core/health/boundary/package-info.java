/** {@code {base}/api/health}: no authentication, and it reveals nothing but UP/DOWN per service. */
package dev.backpack.core.health.boundary;
