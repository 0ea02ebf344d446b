/**
 * Worker side: task endpoints, their registry and the listener that runs handlers.
 */
@NullMarked
package io.taskq.listener;

import org.jspecify.annotations.NullMarked;
