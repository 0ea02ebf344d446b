/**
 * Forum notifications: one small task per user of a thread.
 */
@NullMarked
package io.taskq.sample.forum;

import org.jspecify.annotations.NullMarked;
