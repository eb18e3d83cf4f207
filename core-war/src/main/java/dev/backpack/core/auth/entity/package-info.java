/** Users and the identity of a request. */
package dev.backpack.core.auth.entity;
