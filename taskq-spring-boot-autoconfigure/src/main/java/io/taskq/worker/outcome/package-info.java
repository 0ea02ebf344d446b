/**
 * taskq's own outcome electors, outcome handlers and outcome log of the worker's pipeline.
 */
@NullMarked
package io.taskq.worker.outcome;

import org.jspecify.annotations.NullMarked;
