/**
 * The launcher ({@code ./backpack}): one JVM that starts the backing servers, boots Payara Micro
 * and deploys the admin platform (admin-war), which deploys one copy-free deployment of the core
 * WAR per backpack.
 *
 * <h2>What it does</h2>
 *
 * <ol>
 *   <li>Locks the data directory ({@code DATA/.lock}: one launcher per data directory).
 *   <li>Starts the embedded Redis and PostgreSQL under {@code DATA/redis}, {@code DATA/postgres}
 *       on free 127.0.0.1 ports, each only when its {@code BACKPACK_*} variable does not name an
 *       external server. PostgreSQL holds the platform's registry and, in a schema and role of
 *       their own, every backpack's data; {@code BACKPACK_MONGODB_URI} (a MongoDB the team runs)
 *       makes backpacks keep their data there instead. A {@code DATA/mongo/} of an earlier
 *       release (and no {@code BACKPACK_MONGODB_URI}) is served by the MongoDB wire server during
 *       the start-up, for the backpacks to import it into PostgreSQL; then it is moved to {@code
 *       DATA/mongo.imported-<time>/} if every backpack came up, else kept for the next start.
 *   <li>Extracts admin-war once ({@code DATA/admin/war/<version>}) and builds its exploded
 *       deployment {@code DATA/admin/app} with its settings file (see below), boots Payara Micro
 *       and deploys admin-war at {@code /admin}. admin-war migrates its schema, then deploys every
 *       backpack of its registry (PostgreSQL) and creates the {@code --backpack} ones that do not
 *       exist, through the same create path as its API (owned by the platform).
 *   <li>Prints admin-war's start-up lines as they come, then exactly one line containing {@code
 *       ready}, the URL and the backpacks that are up, once admin-war says its start-up is done.
 *   <li>On SIGTERM or SIGINT: stops Payara, then Redis and PostgreSQL, and exits 0.
 * </ol>
 *
 * <h2>Decisions</h2>
 *
 * <ul>
 *   <li><b>Payara Micro in the same JVM, through its embedded API</b> ({@code
 *       PayaraMicro.getInstance()...bootStrap()} → {@code PayaraMicroRuntime}): one JVM per platform
 *       is what the density goal (1,000 backpacks per machine) asks for, and {@code
 *       PayaraMicroRuntime#deploy(name, contextRoot, dir)} deploys and undeploys backpacks at run
 *       time without restarting the others. It works with the launcher's own libraries on the
 *       classpath: Payara Micro loads its runtime through its own nested-jar class loader whose
 *       parent is the application class loader, so the launcher's classpath is visible to Payara
 *       and to web apps (which prefer their own {@code WEB-INF/lib}: {@code delegate="false"}). The
 *       one clash seen: an slf4j provider on the launcher's classpath was found by core-war's own
 *       slf4j through {@code ServiceLoader} and rejected ("not a subtype"), so the launcher ships
 *       no slf4j provider (zonky's logging is off). Keep the launcher's
 *       classpath small for the same reason; a child JVM was not needed.
 *   <li><b>Payara options without setters.</b> {@code --nohazelcast} is {@code setNoHazelcast(true)}
 *       and nothing else ({@code setNoCluster(true)} would take precedence and leave Hazelcast
 *       running). {@code --disablephonehome} has no setter and {@code payaramicro.*} system
 *       properties are only read on the command-line path, so a pre-boot handler runs the same
 *       {@code set ...phone-home-runtime-configuration.enabled=false} the option runs; the HTTP
 *       listener's address ({@code --bind}, default 127.0.0.1) is set the same way.
 *   <li><b>Known limits of the embedded API</b> (Payara Micro 6.2025.10): JSPs do not compile (the
 *       JSP compiler cannot see Payara's classes inside the nested jars; nothing of Backpack uses
 *       JSP); {@code bootStrap()} leaves Payara's class loader as the calling thread's context
 *       loader (restored here); {@code deploy} only returns false on failure, the reason is in the
 *       server log; the jar's manifest {@code Add-Opens} only apply to {@code java -jar}, so the
 *       launcher's JVM gets them from {@code launcher/target/jvm.options}.
 *   <li><b>Payara's root directory is {@code DATA/runtime}, wiped at every start.</b> Payara
 *       remembers deployments in its domain.xml; a stale one would come back from there. Backpacks
 *       are deployed from admin-war's registry instead, so the registry is the one source of truth.
 *   <li><b>admin-war's settings reach admin-war only</b>: PostgreSQL URL, user and password, the
 *       Redis URI (and the MongoDB URI, if one is given), the data directory, the core WAR, the public and loopback URLs go to
 *       {@code DATA/admin/app/WEB-INF/classes/META-INF/backpack-platform.properties} (mode 600),
 *       read by admin-war's own config source; not system properties, which every backpack in the
 *       JVM could read. The same keys come from the environment when admin-war runs elsewhere
 *       (EAR, container): {@code BACKPACK_POSTGRES_URL}, ...
 *   <li><b>The driver is the environment's choice</b>: {@code BACKPACK_DRIVER} ({@code inprocess}
 *       unless set, or {@code swarm}) and every {@code BACKPACK_SWARM_*} variable go into that
 *       settings file as {@code backpack.driver} and {@code backpack.swarm.*}, since the file ranks
 *       above the environment; an unknown driver stops the launcher before anything starts. With
 *       {@code swarm} the backpacks are Swarm services that outlive the launcher; a restart finds
 *       them.
 *   <li><b>The launcher talks to admin-war over loopback HTTP</b> ({@code /admin/api/system/*}:
 *       start-up lines, the backpacks, add or remove one for {@link dev.backpack.launcher.Platform}),
 *       with a 256-bit key made per start and written into that settings file; admin-war answers
 *       these routes only from a loopback address with that key (404 otherwise). No shared class:
 *       admin-war lives in its own class loader. Answers are read by a tiny JSON reader ({@code
 *       Json}), because a JSON library on the launcher's class path would be the parent of
 *       Payara's own.
 *   <li><b>The launcher's former file registry</b> ({@code DATA/backpacks/<name>/backpack.properties})
 *       is imported into PostgreSQL by admin-war at the first start and the files deleted.
 *   <li><b>Logs:</b> Payara and everything on java.util.logging go to {@code DATA/logs/server0.log};
 *       the console gets SEVERE only, so stdout stays readable (progress and the ready line).
 *   <li><b>Signals, not only a shutdown hook:</b> a JVM ended by SIGTERM exits 143 and runs all
 *       shutdown hooks at once (Payara, embedded-redis and zonky each register one), so the order
 *       could not be kept. {@code Main} handles TERM and INT itself, stops in order and exits 0; a
 *       hook remains for other exits. A background job started by a non-interactive shell ignores
 *       SIGINT (the shell's doing), so scripts should send SIGTERM.
 *   <li><b>Embedded ports change between starts</b> (free ports); the app directories are
 *       regenerated at every start with the current URIs, so nothing keeps an old port.
 *   <li>A signal during startup, before the ready line, falls back to the third-party hooks (no
 *       ordered stop); PostgreSQL runs with fsync and synchronous_commit on, so no acknowledged
 *       write is lost.
 * </ul>
 */
package dev.backpack.launcher;
