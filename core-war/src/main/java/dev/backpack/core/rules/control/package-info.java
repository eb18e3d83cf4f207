/**
 * Rules as data (pocketbase's record rules): a collection stores its rules, {@link
 * dev.backpack.core.rules.control.RuleEvaluator} applies them for every caller and every record.
 * Decision: an owner-scoped list is filtered on the server by adding {@code owner = caller} to
 * the client's filter with {@code $and}; the client's filter can only narrow it further.
 */
package dev.backpack.core.rules.control;
