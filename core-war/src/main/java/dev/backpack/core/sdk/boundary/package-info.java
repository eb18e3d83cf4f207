/**
 * {@code {base}/sdk/backpack.js}: the JavaScript SDK ({@code sdk-js/}), served by every backpack so
 * that a plain HTML page can {@code import { Backpack } from '{base}/sdk/backpack.js'} with no
 * build step.
 *
 * <p>Decisions: the file is bundled from {@code sdk-js/src} while core-war is built (the {@code
 * exec-maven-plugin} runs {@code sdk-js/scripts/build.mjs} with {@code node} alone) and lands in
 * the WAR's {@code sdk/} folder; nothing built is committed. The container's default servlet serves
 * it ({@code /api/*} belongs to JAX-RS, so {@code /sdk/*} is free), as {@code text/javascript}
 * (web.xml), with the headers of {@link dev.backpack.core.sdk.boundary.SdkHeaders}. A missing file
 * is a problem+json 404 like every other error.
 */
package dev.backpack.core.sdk.boundary;
