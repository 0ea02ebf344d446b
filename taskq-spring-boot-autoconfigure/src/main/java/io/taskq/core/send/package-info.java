/**
 * The producer's pipeline: every send goes through ordered {@link io.taskq.core.TaskSendInterceptor}s (in the
 * order {@link io.taskq.core.TaskSendInterceptorOrder} names) to a {@link io.taskq.core.TaskDispatcher},
 * then {@link io.taskq.core.TaskSendListener}s are told; taskq's own steps live here too.
 */
@NullMarked
package io.taskq.core.send;

import org.jspecify.annotations.NullMarked;
