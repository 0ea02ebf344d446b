/**
 * Housekeeping of the files the tasks write: old ones are deleted on a schedule.
 */
@NullMarked
package io.taskq.sample.files;

import org.jspecify.annotations.NullMarked;
