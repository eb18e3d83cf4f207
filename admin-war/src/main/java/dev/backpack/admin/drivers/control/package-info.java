/**
 * The driver interface ({@link dev.backpack.admin.drivers.control.BackpackDriver}) and the choice
 * of one by configuration ({@code backpack.driver}: {@code inprocess} by default, or {@code swarm}).
 *
 * <p>Decisions: the platform keeps the registry, the admin keys and the operations; a driver only
 * brings one backpack up ({@code create}: new and empty; {@code start}: again, with its data),
 * removes it with all its data ({@code remove}, also the rollback of a failed create), and says
 * where it stands ({@code status}) and where it is reached ({@code publicUrl} for browsers, {@code
 * internalUrl} for the platform's calls to its admin API). Steps are reported through a {@link
 * dev.backpack.admin.drivers.entity.Progress} callback, so the same operation stream shows an
 * in-process deployment or a Swarm service converging. {@code update} (replicas and limits) is optional: {@code scalable()} says whether a driver has it.
 */
package dev.backpack.admin.drivers.control;
