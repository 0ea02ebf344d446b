/**
 * The worker: task endpoints and their registry, and the pipeline every delivered task goes through (ordered
 * interceptors, outcome electors and handlers, lifecycle listeners).
 */
@NullMarked
package io.taskq.worker;

import org.jspecify.annotations.NullMarked;
