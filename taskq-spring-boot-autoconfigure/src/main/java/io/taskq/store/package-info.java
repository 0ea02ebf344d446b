/**
 * Where taskq keeps state, behind interfaces: results, the schedule, revocations, rate limits, leases, failed
 * tasks and redelivery counts. The Redis implementations are in {@code io.taskq.store.redis}.
 */
@NullMarked
package io.taskq.store;

import org.jspecify.annotations.NullMarked;
