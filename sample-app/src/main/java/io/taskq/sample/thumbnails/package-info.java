/**
 * Thumbnail generation: one resized PNG per requested size.
 */
@NullMarked
package io.taskq.sample.thumbnails;

import org.jspecify.annotations.NullMarked;
