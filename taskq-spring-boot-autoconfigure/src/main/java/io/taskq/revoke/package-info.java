/**
 * Revoking tasks: the revocations persisted in Redis, the registry that terminates running tasks, and Celery's
 * remote-control ("pidbox") revoke command.
 */
@NullMarked
package io.taskq.revoke;

import org.jspecify.annotations.NullMarked;
