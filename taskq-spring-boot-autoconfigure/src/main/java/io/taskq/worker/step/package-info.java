/**
 * taskq's own steps of the worker's pipeline, one {@link io.taskq.worker.TaskInterceptor} each, in the order
 * {@link io.taskq.worker.TaskInterceptorOrder} names.
 */
@NullMarked
package io.taskq.worker.step;

import org.jspecify.annotations.NullMarked;
