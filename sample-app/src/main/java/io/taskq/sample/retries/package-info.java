/**
 * Retries of a task whose service is down for a while.
 */
@NullMarked
package io.taskq.sample.retries;

import org.jspecify.annotations.NullMarked;
