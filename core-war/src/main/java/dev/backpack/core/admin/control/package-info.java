/**
 * The backpack admin key. Decision: compared in constant time, never logged or returned; when no
 * key is configured every admin call is refused rather than open.
 */
package dev.backpack.core.admin.control;
