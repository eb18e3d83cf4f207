/**
 * Realtime: record subscriptions, channels and presence, across the replicas of a backpack.
 *
 * <p>Requirements (issue 5): every change made through REST, a socket or another replica reaches
 * each subscriber whose filter matches and who may read the record, checked per subscriber and
 * per change; channels with presence; two replicas on one database and one Redis prefix behave as
 * one; a replica without Redis goes on serving its own sockets; bounded memory per socket; changes
 * of one record arrive in commit order; backpacks sharing a Redis never hear each other.
 *
 * <p>Decisions:
 *
 * <ul>
 *   <li>Events between components: {@link
 *       dev.backpack.core.realtime.control.Subscriptions} observes {@code RecordChanged} of the
 *       record store and {@link dev.backpack.core.realtime.control.Connections} observes {@code
 *       Sessions.Ended}; neither store knows realtime exists.
 *   <li>Fan-out: a replica serves its own sockets directly and publishes to the other replicas
 *       through one Redis pub/sub channel per backpack ({@code <prefix>rt}, see {@link
 *       dev.backpack.core.realtime.control.RedisBus}); replicas ignore their own messages. Redis
 *       pub/sub forgets what it could not deliver, so after an outage sockets get a {@code gap}
 *       frame and re-snapshot. Change streams would need a replica-set MongoDB (and the stand-in
 *       has no equivalent to Redis's pub/sub cost): pub/sub keeps MongoDB a plain database.
 *   <li>Filters are evaluated in memory by {@code RecordMatcher} over the query {@code
 *       RecordFilter} validated and translated, so a subscription filter and a list filter are one
 *       language with one meaning; rules by {@code RuleEvaluator}, with each collection's rules
 *       cached for at most {@code backpack.realtime.rules-cache-millis} (1 s).
 *   <li>Order: per-record lanes plus a version gate (a write raises the version, a delete ends
 *       it): an overtaken change is dropped, never delivered after a newer one.
 *   <li>Bounded: per socket an outgoing queue ({@code queue-frames}, {@code queue-bytes}; over it
 *       the socket is closed 4001), a token bucket on client frames ({@code frames-per-second},
 *       {@code frame-burst}; 429 errors, then 4429), a frame size limit, limits on subscriptions
 *       and channels per socket and on sockets per replica and per user; the publish queue to
 *       Redis is bounded by bytes.
 *   <li>Density: threads and the Redis subscription exist only while the replica has sockets.
 * </ul>
 */
package dev.backpack.core.realtime.control;
