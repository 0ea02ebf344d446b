/**
 * Producer side: TaskOperations, TaskTemplate, task requests and handles.
 */
@NullMarked
package io.taskq.core;

import org.jspecify.annotations.NullMarked;
