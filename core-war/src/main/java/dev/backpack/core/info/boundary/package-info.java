/** {@code {base}/api/info}: public, reveals only the backpack's name, API version and instance id. */
package dev.backpack.core.info.boundary;
