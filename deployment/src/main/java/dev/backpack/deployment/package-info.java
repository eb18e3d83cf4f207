/**
 * Backpacks on the in-process platform: their names, their registry, the shared core WAR and the
 * per-backpack deployment directory.
 *
 * <h2>What it does</h2>
 *
 * <ul>
 *   <li>{@link dev.backpack.launcher.backpacks.BackpackName}: {@code ^[a-z][a-z0-9-]{1,30}$},
 *       not reserved; database {@code bp_<name, - as _>}, Redis prefix {@code bp:<name>:}, context
 *       root {@code /<name>}.
 *   <li>{@link dev.backpack.launcher.backpacks.BackpackRegistry}: {@code
 *       DATA/backpacks/<name>/backpack.properties} existing = registered; it keeps the admin key
 *       (256 random bits, base64url), generated once.
 *   <li>{@link dev.backpack.launcher.backpacks.CoreWar}: the core WAR extracted once into {@code
 *       DATA/core/<first 12 hex of its SHA-256>/}.
 *   <li>{@link dev.backpack.launcher.backpacks.AppDirectory}: {@code DATA/backpacks/<name>/app/},
 *       the exploded deployment, rebuilt from the registry at every start so that a rebuilt core
 *       WAR is picked up.
 * </ul>
 *
 * <h2>Decisions</h2>
 *
 * <ul>
 *   <li><b>No WAR copy per backpack</b> (density goal: 1,000 per machine). core-war archives its
 *       classes into {@code WEB-INF/lib}, so everything with weight is a jar there; the app
 *       directory links each jar to the extracted core and copies only the rest (descriptors, a few
 *       hundred bytes). Payara deploys a directory in place, without copying it.
 *   <li><b>One symbolic link per jar, not one for {@code WEB-INF/lib}.</b> A linked {@code
 *       WEB-INF/lib} directory deploys without error, but Payara's archive scanning does not look
 *       into it: the JAX-RS application is never found and every path answers 404 (measured with
 *       Payara Micro 6.2025.10). A real directory holding per-jar links works. Fallbacks, in order,
 *       when links cannot be made: hard links per jar, then copies; the launcher prints which.
 *       Links are relative, so the data directory can be moved as a whole.
 *   <li><b>The per-backpack settings file</b> ({@code WEB-INF/classes/META-INF/backpack.properties},
 *       mode 600, written to a temporary file created with that mode and then renamed) is seen only
 *       by that deployment's class loader; core-war reads it as a MicroProfile Config source. Values
 *       are written unescaped where {@code Properties#load} allows it, in a fixed order, so the
 *       file is readable.
 *   <li><b>Removing a backpack</b> forgets it (registry file, app directory) but keeps its files
 *       and its database: deleting data is the admin app's explicit decision.
 *   <li>Old core versions under {@code DATA/core} are deleted when a new one is extracted, before
 *       anything is deployed (every app directory is rebuilt from the new one).
 * </ul>
 */
package dev.backpack.launcher.backpacks;
