/**
 * The @TaskHandler annotation and the bean post-processor that finds annotated methods.
 */
@NullMarked
package io.taskq.annotation;

import org.jspecify.annotations.NullMarked;
