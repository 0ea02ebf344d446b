/**
 * Periodic tasks: schedules that send a task at each tick of a cron expression or a fixed rate, once per tick
 * across any number of instances, with no leader.
 */
@NullMarked
package io.taskq.beat;

import org.jspecify.annotations.NullMarked;
