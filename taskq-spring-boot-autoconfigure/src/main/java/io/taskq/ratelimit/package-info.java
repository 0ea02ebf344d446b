/**
 * Rate limits of tasks, enforced across all workers together in Redis.
 */
@NullMarked
package io.taskq.ratelimit;

import org.jspecify.annotations.NullMarked;
