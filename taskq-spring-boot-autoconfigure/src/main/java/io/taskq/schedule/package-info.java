/**
 * Delayed tasks: the durable Redis schedule (countdown, ETA, retries) and the promoter that publishes due tasks.
 */
@NullMarked
package io.taskq.schedule;

import org.jspecify.annotations.NullMarked;
