/**
 * Class-per-folder image datasets ({@code data=image-folder}): {@link io.expertize.data.folder.ImageFolderSource}
 * lays out the tree, decodes each file once with {@link io.expertize.data.folder.DecodeResize} (the ops of the
 * export's {@code serving_image_bytes} signature) and keeps the pixels in memory.
 */
package io.expertize.data.folder;
