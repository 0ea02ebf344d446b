/**
 * The producer's pipeline: every send goes through ordered {@link io.taskq.core.send.TaskSendInterceptor}s (in the
 * order {@link io.taskq.core.send.TaskSendInterceptorOrder} names) to a {@link io.taskq.core.send.TaskDispatcher},
 * then {@link io.taskq.core.send.TaskSendListener}s are told; taskq's own steps live here too.
 */
@NullMarked
package io.taskq.core.send;

import org.jspecify.annotations.NullMarked;
