package io.taskq.worker;

/**
 * A task this worker runs: its endpoint (the handler method and its options) and the invoker that binds a
 * message's arguments to the method.
 *
 * @param endpoint the endpoint
 * @param invoker the invoker
 */
public record RegisteredTask(TaskEndpoint endpoint, TaskMethodInvoker invoker) {
}
