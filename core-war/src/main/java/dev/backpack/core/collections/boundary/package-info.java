/**
 * {@code {base}/api/collections}. Decision: creating needs the admin key only while the backpack
 * setting {@code backpack.client-collections} is off; changing rules and deleting always need it.
 */
package dev.backpack.core.collections.boundary;
