/**
 * A test kit for an application's own task handlers: sends go through taskq's real message format and argument
 * binding, are recorded for assertions, and run on demand or at once, with no broker and no Redis.
 */
@NullMarked
package io.taskq.test;

import org.jspecify.annotations.NullMarked;
