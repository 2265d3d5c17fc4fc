package io.expertize.data.folder;

import java.nio.file.Path;

/** One image file and the label of the class folder it lies in. */
record LabelledFile(Path file, int label) {}
