/**
 * Files as data: the metadata record ({@link dev.backpack.core.files.entity.StoredFile}), pages
 * of a list, ids, the rules for names and byte ranges.
 *
 * <p>Decisions: ids are time-ordered but carry 80 random bits ({@link
 * dev.backpack.core.files.entity.FileIds}), because a public file is readable by anyone who knows
 * its id; names are display metadata only and are sanitised once, on upload ({@link
 * dev.backpack.core.files.entity.FileNames}); an unusable {@code Range} header is ignored rather
 * than refused, as RFC 9110 allows.
 */
package dev.backpack.core.files.entity;
