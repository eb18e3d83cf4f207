/**
 * Backpack names and the on-disk layout of exploded deployments on the in-process platform: the
 * one place that knows it, used by the launcher (to deploy admin-war) and by admin-war's in-process
 * driver (to deploy each backpack). A plain jar with no dependencies, bundled in admin-war's {@code
 * WEB-INF/lib} and on the launcher's class path.
 *
 * <h2>What it does</h2>
 *
 * <ul>
 *   <li>{@link dev.backpack.deployment.BackpackName}: {@code ^[a-z][a-z0-9-]{1,30}$}, not
 *       reserved; database {@code bp_<name, - as _>}, Redis prefix {@code bp:<name>:}, context root
 *       {@code /<name>}.
 *   <li>{@link dev.backpack.deployment.BackpackHome}: {@code DATA/backpacks/<name>/} with {@code
 *       files/} and {@code app/}.
 *   <li>{@link dev.backpack.deployment.ExtractedWar}: a WAR extracted once into {@code
 *       <root>/<first 12 hex of its SHA-256>/} (core-war under {@code DATA/core}, admin-war under
 *       {@code DATA/admin/war}).
 *   <li>{@link dev.backpack.deployment.AppDirectory}: an exploded deployment built from an
 *       extracted WAR plus its own settings file, rebuilt at every deployment so that a rebuilt WAR
 *       and the current service URIs are picked up.
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
 *       when links cannot be made: hard links per jar, then copies. Links are relative, so the data
 *       directory can be moved as a whole.
 *   <li><b>The settings file</b> ({@code WEB-INF/classes/META-INF/backpack.properties} for a
 *       backpack, {@code backpack-platform.properties} for admin-war; mode 600, written to a
 *       temporary file created with that mode and then renamed) is seen only by that deployment's
 *       class loader; each WAR reads it as a MicroProfile Config source ranked above the
 *       environment. Values are written unescaped where {@code Properties#load} allows it, in a
 *       fixed order, so the file is readable.
 *   <li>Old versions under an extraction root are deleted when a new one is extracted: call it
 *       before anything built from the old one is deployed (every app directory is rebuilt from the
 *       new one).
 *   <li>Why a module of its own: admin-war is a WAR (not a dependency the launcher can compile
 *       against) and the launcher must not depend on admin-war's libraries; this jar has none.
 * </ul>
 */
package dev.backpack.deployment;
