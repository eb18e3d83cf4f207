/** Platform accounts and their roles. */
package dev.backpack.admin.accounts.entity;
