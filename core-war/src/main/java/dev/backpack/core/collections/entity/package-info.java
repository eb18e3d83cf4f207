/** What a collection is: its name rule and its rules. */
package dev.backpack.core.collections.entity;
