/**
 * The dead-letter store: failed task messages kept in Redis, to be listed and re-driven.
 */
@NullMarked
package io.taskq.deadletter;

import org.jspecify.annotations.NullMarked;
