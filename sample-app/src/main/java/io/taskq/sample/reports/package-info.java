/**
 * PDF reports that are safe to generate in parallel, across instances.
 */
@NullMarked
package io.taskq.sample.reports;

import org.jspecify.annotations.NullMarked;
